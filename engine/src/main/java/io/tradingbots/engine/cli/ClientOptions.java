package io.tradingbots.engine.cli;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tradingbots.engine.EngineException;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import io.tradingbots.shared.HostPort;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a client command finds and authenticates to an engine. */
final class ClientOptions {

    @Option(names = "--target", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:50051",
            description = "Engine address (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Engine data directory to read api-token from (default: ~/.tradingbots).")
    Path dataDir;

    @Option(names = "--token-file", paramLabel = "FILE", description = "API token file (default: <data-dir>/api-token)."
            + " The environment variable TB_API_TOKEN, when set, wins over both.")
    Path tokenFile;

    ApiToken token() {
        String env = System.getenv("TB_API_TOKEN");
        if (env != null && !env.isBlank()) {
            return ApiToken.of(env);
        }
        Path file = tokenFile != null ? tokenFile
                : (dataDir != null ? dataDir : ApiToken.defaultDataDir()).resolve(ApiToken.FILE_NAME);
        try {
            return ApiToken.read(file);
        } catch (IOException e) {
            throw new EngineException("cannot read the API token from " + file + ": " + e.getMessage());
        }
    }

    ManagedChannel channel() {
        return NettyChannelBuilder.forTarget(HostPort.parse(target).target()).usePlaintext().build();
    }

    /** What a command does with its channel; gRPC failures are explained by {@link #call}. */
    interface OnChannel<T> {
        T apply(ManagedChannel channel) throws Exception;
    }

    /** Opens a channel to the engine, runs {@code body} on it, turns a failed call into one clear line, and closes it. */
    <T> T call(OnChannel<T> body) throws Exception {
        ManagedChannel channel = channel();
        try {
            return body.apply(channel);
        } catch (io.grpc.StatusRuntimeException e) {
            throw Rpc.explain(e, target);
        } finally {
            channel.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    BearerAuth credentials() {
        return new BearerAuth(token());
    }
}
