package io.tradingbots.desktop.history;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.CancelFetchRequest;
import io.tradingbots.api.v1.CancelFetchResponse;
import io.tradingbots.api.v1.FetchProgress;
import io.tradingbots.api.v1.GetInventoryRequest;
import io.tradingbots.api.v1.GetInventoryResponse;
import io.tradingbots.api.v1.HistoryServiceGrpc;
import io.tradingbots.api.v1.SeriesInventory;
import io.tradingbots.api.v1.StartFetchRequest;
import io.tradingbots.api.v1.StartFetchResponse;
import io.tradingbots.api.v1.WatchFetchRequest;
import io.tradingbots.api.v1.WatchFetchResponse;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-process HistoryService behind the token check: answers the inventory it is given, refuses
 * or accepts StartFetch, and hands each WatchFetch stream to the test to drive.
 */
final class FakeHistory implements AutoCloseable {

    private final InProcessEngine server;
    private final List<String> cancelled = new CopyOnWriteArrayList<>();
    private final BlockingQueue<StreamObserver<WatchFetchResponse>> watches = new LinkedBlockingQueue<>();
    private volatile List<SeriesInventory> inventory = List.of();
    private volatile Status refusal;
    private volatile StartFetchRequest lastStart;

    FakeHistory() throws IOException {
        server = new InProcessEngine(new Service());
    }

    void answerInventory(SeriesInventory... series) {
        inventory = List.of(series);
    }

    /** StartFetch fails with {@code status} from now on. */
    void refuseStart(Status status) {
        refusal = status;
    }

    StartFetchRequest lastStart() {
        return lastStart;
    }

    List<String> cancelled() {
        return cancelled;
    }

    /** The next WatchFetch call's response stream, waiting for the client to open it. */
    StreamObserver<WatchFetchResponse> nextWatch() throws InterruptedException {
        return watches.poll(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    static WatchFetchResponse progress(FetchProgress.State state, long done, long total) {
        return WatchFetchResponse.newBuilder().setProgress(FetchProgress.newBuilder().setState(state)
                .setDoneCandles(done).setTotalCandles(total).setStoredCandles(done).setRatePerSecond(250)
                .setEtaMs((total - done) * 4)).build();
    }

    EngineClient client() {
        return server.client();
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Service extends HistoryServiceGrpc.HistoryServiceImplBase {
        @Override
        public void getInventory(GetInventoryRequest request, StreamObserver<GetInventoryResponse> response) {
            response.onNext(GetInventoryResponse.newBuilder().addAllSeries(inventory).build());
            response.onCompleted();
        }

        @Override
        public void startFetch(StartFetchRequest request, StreamObserver<StartFetchResponse> response) {
            lastStart = request;
            if (refusal != null) {
                response.onError(refusal.asRuntimeException());
                return;
            }
            response.onNext(StartFetchResponse.newBuilder().setJobId("job-1").build());
            response.onCompleted();
        }

        @Override
        public void cancelFetch(CancelFetchRequest request, StreamObserver<CancelFetchResponse> response) {
            cancelled.add(request.getJobId());
            response.onNext(CancelFetchResponse.getDefaultInstance());
            response.onCompleted();
        }

        @Override
        public void watchFetch(WatchFetchRequest request, StreamObserver<WatchFetchResponse> response) {
            watches.add(response);
        }
    }
}
