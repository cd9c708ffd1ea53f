package io.tradingbots.engine.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.CancelFetchRequest;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.GetCandlesRequest;
import io.tradingbots.api.v1.GetCandlesResponse;
import io.tradingbots.api.v1.CancelFetchResponse;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.GetInventoryResponse;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StartFetchRequest;
import io.tradingbots.api.v1.StartFetchResponse;
import io.tradingbots.api.v1.WatchFetchRequest;
import io.tradingbots.api.v1.WatchFetchResponse;
import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.history.CandleReads;
import io.tradingbots.engine.history.FetchJobs;
import io.tradingbots.engine.history.FetchProgress;
import io.tradingbots.engine.history.Inventory;
import io.tradingbots.engine.history.TimeRange;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** HistoryService: translates between the API and {@link FetchJobs} / {@link CandleReads}; no logic of its own. */
public final class GrpcHistoryService extends HistoryServiceGrpc.HistoryServiceImplBase {

    static final long WATCH_PERIOD_MS = 250;
    /** Candle slots read from the store at a time: bounds what one GetCandles call holds in memory. */
    static final int READ_SLOTS = 100_000;

    private final Supplier<FetchJobs> jobs;
    private final ScheduledExecutorService ticker;

    /** {@code jobs} gives null until the database is open: calls before that are FAILED_PRECONDITION. */
    public GrpcHistoryService(Supplier<FetchJobs> jobs, ScheduledExecutorService ticker) {
        this.jobs = jobs;
        this.ticker = ticker;
    }

    private FetchJobs jobs() {
        FetchJobs j = jobs.get();
        if (j == null) {
            throw new IllegalStateException("the engine is still starting: try again in a moment");
        }
        return j;
    }

    @Override
    public void startFetch(StartFetchRequest r, StreamObserver<StartFetchResponse> response) {
        String id = jobs().start(r.getSymbolsList(), r.getTimeframesList(), r.getFromTime(), r.getToTime(), r.getConcurrency());
        response.onNext(StartFetchResponse.newBuilder().setJobId(id).build());
        response.onCompleted();
    }

    @Override
    public void cancelFetch(CancelFetchRequest r, StreamObserver<CancelFetchResponse> response) {
        jobs().cancel(r.getJobId());
        response.onNext(CancelFetchResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void getInventory(GetInventoryRequest r, StreamObserver<GetInventoryResponse> response) {
        GetInventoryResponse.Builder b = GetInventoryResponse.newBuilder();
        for (Inventory i : jobs().inventory(r.getSymbol(), r.getTimeframe())) {
            b.addSeries(toProto(i));
        }
        response.onNext(b.build());
        response.onCompleted();
    }

    /**
     * Streams the planned range slice by slice ({@value #READ_SLOTS} slots read at a time), in
     * chunks of {@link CandleChunks#MAX}, only while gRPC says the client is ready: the engine
     * holds one slice per call whatever the client's speed.
     */
    @Override
    public void getCandles(GetCandlesRequest r, StreamObserver<GetCandlesResponse> response) {
        CandleReads reads = jobs().candles();
        CandleReads.Plan plan = reads.plan(r.getExchange(), r.getSymbol(), r.getTimeframe(), r.getFromTime(),
                r.getToTime(), r.getMaxCandles());
        ServerCallStreamObserver<GetCandlesResponse> call = (ServerCallStreamObserver<GetCandlesResponse>) response;
        CandleSender sender = new CandleSender(reads, plan, call);
        call.setOnCancelHandler(sender::cancel);
        call.setOnReadyHandler(sender::drain);
        sender.drain();
    }

    /** The state of one GetCandles call: the next slice to read and the next candle of the current one. */
    private static final class CandleSender {
        private final CandleReads reads;
        private final CandleReads.Plan plan;
        private final ServerCallStreamObserver<GetCandlesResponse> call;
        private final long sliceMillis;
        private long nextSlice;
        private CandleColumns slice;
        private int at;
        private boolean ended;

        CandleSender(CandleReads reads, CandleReads.Plan plan, ServerCallStreamObserver<GetCandlesResponse> call) {
            this.reads = reads;
            this.plan = plan;
            this.call = call;
            this.sliceMillis = READ_SLOTS * plan.key().timeframe().millis();
            this.nextSlice = plan.range().from();
        }

        synchronized void cancel() {
            ended = true;
            slice = null;
        }

        synchronized void drain() {
            try {
                send();
            } catch (RuntimeException e) {
                ended = true; // ErrorMapping closes the call with the matching status
                slice = null;
                throw e;
            }
        }

        private void send() {
            while (!ended && call.isReady()) {
                if (slice == null || at == slice.size()) {
                    if (nextSlice >= plan.range().to()) {
                        ended = true;
                        slice = null;
                        call.onCompleted();
                        return;
                    }
                    long to = Math.min(plan.range().to(), nextSlice + sliceMillis);
                    slice = reads.read(plan.key(), new TimeRange(nextSlice, to));
                    at = 0;
                    nextSlice = to;
                    continue;
                }
                CandleChunk.Builder chunk = CandleChunk.newBuilder();
                at += CandleChunks.fill(slice, at, CandleChunks.MAX, chunk);
                call.onNext(GetCandlesResponse.newBuilder().setChunk(chunk).setTruncated(plan.truncated()).build());
            }
        }
    }

    /**
     * Sends the latest progress when it changed and gRPC says the client is ready; a client that
     * does not read only ever has the newest value waiting for it, and it always gets the last one.
     */
    @Override
    public void watchFetch(WatchFetchRequest r, StreamObserver<WatchFetchResponse> response) {
        FetchJobs j = jobs();
        String id = r.getJobId();
        j.progress(id); // NOT_FOUND before the stream starts
        ServerCallStreamObserver<WatchFetchResponse> call = (ServerCallStreamObserver<WatchFetchResponse>) response;
        Object lock = new Object();
        FetchProgress[] sent = {null};
        boolean[] ended = {false};
        ScheduledFuture<?>[] task = {null};
        Runnable push = () -> {
            synchronized (lock) {
                if (ended[0] || call.isCancelled() || !call.isReady()) {
                    return;
                }
                FetchProgress p = j.progress(id);
                boolean changed = sent[0] == null || !sameCounts(sent[0], p);
                if (changed) {
                    call.onNext(WatchFetchResponse.newBuilder().setProgress(toProto(p)).build());
                    sent[0] = p;
                }
                if (p.state() != FetchProgress.State.RUNNING) {
                    ended[0] = true;
                    call.onCompleted();
                    if (task[0] != null) {
                        task[0].cancel(false);
                    }
                }
            }
        };
        call.setOnCancelHandler(() -> {
            synchronized (lock) {
                ended[0] = true;
                if (task[0] != null) {
                    task[0].cancel(false);
                }
            }
        });
        call.setOnReadyHandler(() -> ticker.execute(push));
        synchronized (lock) {
            task[0] = ticker.scheduleWithFixedDelay(push, 0, WATCH_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean sameCounts(FetchProgress a, FetchProgress b) {
        return a.state() == b.state() && a.done() == b.done() && a.stored() == b.stored() && a.requests() == b.requests()
                && a.retries() == b.retries() && a.rateLimited() == b.rateLimited();
    }

    static io.tradingbots.api.v1.FetchProgress toProto(FetchProgress p) {
        return io.tradingbots.api.v1.FetchProgress.newBuilder()
                .setState(switch (p.state()) {
                    case RUNNING -> io.tradingbots.api.v1.FetchProgress.State.STATE_RUNNING;
                    case DONE -> io.tradingbots.api.v1.FetchProgress.State.STATE_DONE;
                    case FAILED -> io.tradingbots.api.v1.FetchProgress.State.STATE_FAILED;
                    case CANCELLED -> io.tradingbots.api.v1.FetchProgress.State.STATE_CANCELLED;
                })
                .setTotalCandles(p.total()).setDoneCandles(p.done()).setStoredCandles(p.stored())
                .setRequests(p.requests()).setRetries(p.retries()).setRateLimited(p.rateLimited())
                .setElapsedMs(p.elapsedMs()).setRatePerSecond(p.rate()).setEtaMs(p.etaMs())
                .setMessage(p.message() == null ? "" : p.message())
                .build();
    }

    static SeriesInventory toProto(Inventory i) {
        return SeriesInventory.newBuilder()
                .setExchange(i.key().exchange()).setSymbol(i.key().symbol()).setTimeframe(i.key().timeframe().label())
                .setCount(i.count()).setFirstOpenTime(i.firstOpen()).setLastOpenTime(i.lastOpen())
                .addAllKnownGaps(ranges(i.knownGaps())).addAllMissing(ranges(i.missing()))
                .setStorageBytes(i.storageBytes())
                .build();
    }

    private static List<io.tradingbots.api.v1.TimeRange> ranges(List<TimeRange> list) {
        return list.stream().map(t -> io.tradingbots.api.v1.TimeRange.newBuilder().setFromTime(t.from()).setToTime(t.to()).build()).toList();
    }
}
