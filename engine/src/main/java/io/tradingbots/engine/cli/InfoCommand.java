package io.tradingbots.engine.cli;

import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Ask a running engine for its version, mode, market source and data directory (JSON, like grpcurl).")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return client.call(channel -> {
            var reply = EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials())
                    .withDeadlineAfter(5, TimeUnit.SECONDS).getInfo(GetInfoRequest.getDefaultInstance());
            spec.commandLine().getOut().println(JsonFormat.printer().print(reply));
            return 0;
        });
    }
}
