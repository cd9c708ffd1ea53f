package io.tradingbots.engine.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print a running engine's live state stream (WatchState), one JSON message per line.")
final class WatchCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N messages (0: until Ctrl+C).")
    int count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidProtocolBufferException, InterruptedException {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 or more, got " + count);
        }
        ManagedChannel channel = client.channel();
        JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();
        try {
            Iterator<WatchStateResponse> stream = EngineServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(client.credentials()).watchState(WatchStateRequest.getDefaultInstance());
            int seen = 0;
            while (stream.hasNext()) {
                spec.commandLine().getOut().println(json.print(stream.next()));
                spec.commandLine().getOut().flush();
                if (count > 0 && ++seen >= count) {
                    break;
                }
            }
            return 0;
        } catch (StatusRuntimeException e) {
            throw Rpc.explain(e, client.target);
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
