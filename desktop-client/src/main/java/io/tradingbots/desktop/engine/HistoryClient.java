package io.tradingbots.desktop.engine;

import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.CancelFetchRequest;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StartFetchRequest;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine's candle history: inventory, fetch jobs and their progress. Unary calls block (run
 * them off the UI thread) and turn failures into an {@link EngineException} with the engine's words.
 */
public final class HistoryClient implements HistorySource, CandleSource {

    /** A long read (millions of candles through an SSH tunnel) still ends. */
    static final long CANDLES_DEADLINE_MS = 300_000;

    private final HistoryServiceGrpc.HistoryServiceBlockingStub blocking;
    private final HistoryServiceGrpc.HistoryServiceStub async;
    private final Runnable wakeChannel;
    private final String target;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Backoff> backoffs;

    HistoryClient(HistoryServiceGrpc.HistoryServiceBlockingStub blocking, HistoryServiceGrpc.HistoryServiceStub async,
                  Runnable wakeChannel, String target, ScheduledExecutorService scheduler, Supplier<Backoff> backoffs) {
        this.blocking = blocking;
        this.async = async;
        this.wakeChannel = wakeChannel;
        this.target = target;
        this.scheduler = scheduler;
        this.backoffs = backoffs;
    }

    @Override
    public List<SeriesInventory> inventory() throws EngineException {
        try {
            return deadline().getInventory(GetInventoryRequest.getDefaultInstance()).getSeriesList();
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public void candles(GetCandlesRequest request, Consumer<CandleChunk> sink) throws EngineException {
        io.grpc.Context.CancellableContext context = io.grpc.Context.current().withCancellation();
        try {
            context.run(() -> {
                Iterator<io.tradingbots.api.v1.GetCandlesResponse> it = blocking
                        .withDeadlineAfter(CANDLES_DEADLINE_MS, TimeUnit.MILLISECONDS).getCandles(request);
                while (it.hasNext()) {
                    sink.accept(it.next().getChunk());
                }
            });
        } catch (StatusRuntimeException e) {
            throw failure(e);
        } finally {
            context.cancel(null); // a sink that threw leaves no call open
        }
    }

    @Override
    public String startFetch(StartFetchRequest request) throws EngineException {
        try {
            return deadline().startFetch(request).getJobId();
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public void cancelFetch(String jobId) throws EngineException {
        try {
            deadline().cancelFetch(CancelFetchRequest.newBuilder().setJobId(jobId).build());
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public StateSource.Subscription watchFetch(String jobId, FetchListener listener) {
        FetchStream stream = new FetchStream(async, jobId, target, listener,
                new Reconnects(wakeChannel, scheduler, backoffs.get()));
        stream.start();
        return stream;
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub deadline() {
        return blocking.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private EngineException failure(StatusRuntimeException e) {
        return EngineErrors.failure(e, target);
    }
}
