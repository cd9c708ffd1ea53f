package io.tradingbots.engine.bench;

import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * State change to client receipt: each change is a new BTC/USD price whose value is its index;
 * the time from {@code StateHub.updatePrice} to the client's {@code onNext} is recorded per change.
 * Changes are paced at a fixed rate so each one is measured rather than coalesced away.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, description = "WatchState latency over TCP loopback.")
final class StreamLatencyBench implements Callable<Integer> {

    @Option(names = "--changes", defaultValue = "10000", description = "Changes to measure (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--rate", defaultValue = "2000", description = "Changes per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int warmup = Math.min(2_000, changes);
        long[] sentAt = new long[warmup + changes + 1];
        long[] latency = new long[warmup + changes + 1];
        CountDownLatch all = new CountDownLatch(1);
        int last = warmup + changes;
        try (LoopbackApi api = new LoopbackApi()) {
            CountDownLatch snapshot = new CountDownLatch(1);
            api.stub().watchState(WatchStateRequest.getDefaultInstance(), new StreamObserver<>() {
                @Override
                public void onNext(WatchStateResponse m) {
                    long now = System.nanoTime();
                    snapshot.countDown();
                    for (var p : m.getPricesList()) {
                        int i = Integer.parseInt(p.getPrice());
                        if (i > 0 && i <= last && latency[i] == 0) {
                            latency[i] = now - sentAt[i];
                            if (i == last) {
                                all.countDown();
                            }
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                    all.countDown();
                }

                @Override
                public void onCompleted() {}
            });
            snapshot.await(10, TimeUnit.SECONDS);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 1; i <= last; i++) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(20_000);
                }
                sentAt[i] = System.nanoTime();
                api.hub.updatePrice(LoopbackApi.price("BTC/USD", i));
                next += interval;
            }
            if (!all.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the last change never arrived");
            }
        }
        long[] measured = Arrays.stream(latency, warmup + 1, last + 1).filter(v -> v > 0).sorted().toArray();
        int coalesced = changes - measured.length;
        var out = spec.commandLine().getOut();
        out.printf("changes measured: %d at %d/s (after %d warm-up), %d merged into a later message%n",
                measured.length, rate, warmup, coalesced);
        out.printf("latency state change -> client: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                pct(measured, 50), pct(measured, 90), pct(measured, 99), pct(measured, 99.9), measured[measured.length - 1] / 1e6);
        return 0;
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
