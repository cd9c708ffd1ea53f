package io.tradingbots.desktop.engine;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.DeploymentServiceGrpc;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.ApiVersion;
import io.tradingbots.shared.BearerAuth;
import io.tradingbots.shared.HostPort;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop client's side of the engine API: one channel, authenticated calls, a reconnecting state stream. */
public final class EngineClient implements StateSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineClient.class);

    /** How long a unary call may take; an engine behind a live SSH tunnel answers in milliseconds. */
    public static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final String target;
    private final EngineServiceGrpc.EngineServiceBlockingStub blocking;
    private final EngineServiceGrpc.EngineServiceStub async;
    private final Supplier<Backoff> backoffs;
    private final ScheduledExecutorService scheduler = DaemonThreads.scheduler("tb-reconnect");
    private final HistoryClient history;
    private final DeploymentClient deployment;
    private final BacktestClient backtests;
    private final RiskClient risk;
    private final BotClient bots;

    public EngineClient(ManagedChannel channel, String target, ApiToken token, Supplier<Backoff> backoffs) {
        BearerAuth auth = new BearerAuth(token);
        this.channel = channel;
        this.target = target;
        this.blocking = EngineServiceGrpc.newBlockingStub(channel).withCallCredentials(auth);
        this.async = EngineServiceGrpc.newStub(channel).withCallCredentials(auth);
        this.backoffs = backoffs;
        this.history = new HistoryClient(HistoryServiceGrpc.newBlockingStub(channel).withCallCredentials(auth),
                HistoryServiceGrpc.newStub(channel).withCallCredentials(auth), channel::enterIdle, target, scheduler,
                backoffs);
        this.deployment = new DeploymentClient(DeploymentServiceGrpc.newBlockingStub(channel).withCallCredentials(auth),
                target);
        this.backtests = new BacktestClient(BacktestServiceGrpc.newBlockingStub(channel).withCallCredentials(auth),
                BacktestServiceGrpc.newStub(channel).withCallCredentials(auth), target);
        this.risk = new RiskClient(RiskServiceGrpc.newBlockingStub(channel).withCallCredentials(auth),
                RiskServiceGrpc.newStub(channel).withCallCredentials(auth), channel::enterIdle, target, scheduler, backoffs);
        this.bots = new BotClient(BotServiceGrpc.newBlockingStub(channel).withCallCredentials(auth),
                BotServiceGrpc.newStub(channel).withCallCredentials(auth), channel::enterIdle, target, scheduler, backoffs);
    }

    /** A plaintext channel (the engine listens on loopback; remote engines are reached through an SSH tunnel). */
    public static EngineClient open(HostPort target, ApiToken token) {
        return open(target, token, target.target());
    }

    /** As {@link #open(HostPort, ApiToken)}; {@code name} is what messages call the engine (an SSH route). */
    public static EngineClient open(HostPort target, ApiToken token, String name) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(target.host(), target.port())
                .usePlaintext()
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .build();
        return new EngineClient(channel, name, token, Backoff::standard);
    }

    /** Asks the engine who it is and refuses an engine whose API generation this client does not speak. */
    public GetInfoResponse handshake() throws EngineException {
        GetInfoResponse info = getInfo();
        if (info.getApiVersion() != ApiVersion.CURRENT) {
            String older = info.getApiVersion() > ApiVersion.CURRENT ? "the desktop client" : "the engine";
            throw new EngineException("engine speaks API version " + info.getApiVersion() + ", this client speaks "
                    + ApiVersion.CURRENT + ": update " + older);
        }
        log.info("connected to engine {} ({}) at {}", info.getVersion(), info.getGitCommit(), target);
        return info;
    }

    public GetInfoResponse getInfo() throws EngineException {
        try {
            return blocking.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .getInfo(GetInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw new EngineException(EngineErrors.describe(e, target), e);
        }
    }

    @Override
    public Subscription watchState(StateListener listener) {
        StateStream stream = new StateStream(async, channel::enterIdle, target, listener, scheduler, backoffs.get());
        stream.start();
        return stream;
    }

    /** The engine's candle history service, on the same channel and token. */
    public HistoryClient history() {
        return history;
    }

    /** The engine's backtests: strategies, runs and stored results, on the same channel and token. */
    public BacktestClient backtests() {
        return backtests;
    }

    /** The engine's releases, deployment history and rollback, on the same channel and token. */
    public DeploymentClient deployment() {
        return deployment;
    }

    /** The engine's risk manager: live picture, kill switch, limits. */
    public RiskClient risk() {
        return risk;
    }

    /** The engine's bots: list, control, events, export (an older engine answers UNIMPLEMENTED). */
    public BotClient bots() {
        return bots;
    }

    /** "host:port" as the user typed it, or the SSH route, for messages. */
    public String target() {
        return target;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
