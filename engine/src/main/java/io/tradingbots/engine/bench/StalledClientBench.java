package io.tradingbots.engine.bench;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A client that takes the snapshot and then never reads again, while the engine publishes changes
 * as fast as one thread can for the given time. Heap in use after a full GC is measured before and
 * after; if the server buffered for the stalled client, the difference would grow with the number
 * of changes.
 */
@Command(name = "stalled", mixinStandardHelpOptions = true, description = "Engine heap with a client that stops reading.")
final class StalledClientBench implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "60", description = "How long the client stalls (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (LoopbackApi api = new LoopbackApi()) {
            AtomicLong received = new AtomicLong();
            api.stub().watchState(WatchStateRequest.getDefaultInstance(), new ClientResponseObserver<WatchStateRequest, WatchStateResponse>() {
                @Override
                public void beforeStart(ClientCallStreamObserver<WatchStateRequest> call) {
                    call.disableAutoRequestWithInitial(1);
                }

                @Override
                public void onNext(WatchStateResponse value) {
                    received.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });
            while (received.get() == 0) {
                Thread.sleep(10);
            }
            long before = usedHeapAfterGc();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long changes = 0;
            long maxSeen = before;
            long nextSample = System.nanoTime();
            while (System.nanoTime() < end) {
                for (int k = 0; k < 1_000; k++) {
                    changes++;
                    api.hub.updatePrice(LoopbackApi.price(changes % 2 == 0 ? "BTC/USD" : "ETH/USD", changes));
                    if (changes % 10 == 0) {
                        api.hub.updateBot(LoopbackApi.bot(BigDecimal.valueOf(changes)));
                    }
                }
                if (System.nanoTime() > nextSample) {
                    maxSeen = Math.max(maxSeen, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    nextSample = System.nanoTime() + 1_000_000_000L;
                }
            }
            long after = usedHeapAfterGc();
            out.printf("stalled client for %d s: %,d state changes published, %d message(s) reached the client%n",
                    seconds, changes, received.get());
            out.printf("heap in use after GC: before %.1f MB, after %.1f MB (difference %+.1f MB); highest sampled heap %.1f MB%n",
                    before / 1e6, after / 1e6, (after - before) / 1e6, maxSeen / 1e6);
        }
        return 0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
