package io.tradingbots.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExchangeCallsTest {

    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final ExchangeCalls calls = new ExchangeCalls(wall::get, nanos::get);

    /** One call that takes {@code ms} on the test's clocks. */
    private void call(ExchangeCalls.Endpoint e, double ms, String error) {
        long start = e.start();
        nanos.addAndGet(Math.round(ms * 1_000_000));
        if (error == null) {
            e.succeeded(start);
        } else {
            e.failed(start, error);
        }
    }

    private EndpointStats only() {
        List<EndpointStats> all = calls.snapshot();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void percentilesAreNearestRankOverTheCallsOfTheWindow() {
        ExchangeCalls.Endpoint e = calls.endpoint("Binance.US market data");
        for (int ms = 1; ms <= 100; ms++) { // 1, 2, ..., 100 ms in shuffled order
            call(e, (ms * 37) % 100 + 1, null);
        }
        EndpointStats s = only();
        assertThat(s.name()).isEqualTo("Binance.US market data");
        assertThat(s.calls()).isEqualTo(100);
        assertThat(s.windowCalls()).isEqualTo(100);
        assertThat(s.errors()).isZero();
        assertThat(s.lastError()).isEmpty();
        assertThat(s.latencyP50Ms()).isEqualTo(50.0);
        assertThat(s.latencyP99Ms()).isEqualTo(99.0);
        assertThat(s.windowSeconds()).isEqualTo(300);
    }

    @Test
    void callsOlderThanTheWindowLeaveThePercentilesButNotTheTotals() {
        ExchangeCalls.Endpoint e = calls.endpoint("Kraken OHLC");
        for (int i = 0; i < 10; i++) {
            call(e, 900, "HTTP 503 from Kraken");
        }
        wall.addAndGet(ExchangeCalls.WINDOW_MS - 1_000);
        call(e, 3, null);
        call(e, 5, null);
        EndpointStats s = only();
        assertThat(s.windowCalls()).isEqualTo(12);
        assertThat(s.latencyP99Ms()).isEqualTo(900.0);

        wall.addAndGet(2_000); // the ten slow ones are now 5 min + 1 s old
        s = only();
        assertThat(s.calls()).isEqualTo(12);
        assertThat(s.errors()).isEqualTo(10);
        assertThat(s.windowCalls()).isEqualTo(2);
        assertThat(s.windowErrors()).isZero();
        assertThat(s.latencyP50Ms()).isEqualTo(3.0);
        assertThat(s.latencyP99Ms()).isEqualTo(5.0);
        assertThat(s.lastError()).isEqualTo("HTTP 503 from Kraken");

        wall.addAndGet(ExchangeCalls.WINDOW_MS);
        s = only();
        assertThat(s.windowCalls()).isZero();
        assertThat(s.latencyP50Ms()).isZero();
        assertThat(s.latencyP99Ms()).isZero();
    }

    @Test
    void memoryIsBoundedToTheLastRingOfCalls() {
        ExchangeCalls.Endpoint e = calls.endpoint("Binance.US history");
        for (int i = 0; i < 10_000; i++) {
            call(e, 1_000, null); // old, slow calls ...
        }
        for (int i = 0; i < ExchangeCalls.RING; i++) {
            call(e, 2, null); // ... pushed out by as many fast ones as the ring holds
        }
        EndpointStats s = only();
        assertThat(s.calls()).isEqualTo(10_000 + ExchangeCalls.RING);
        assertThat(s.windowCalls()).isEqualTo(ExchangeCalls.RING);
        assertThat(s.latencyP99Ms()).isEqualTo(2.0);
    }

    @Test
    void aCallLongerThanTheLatencyFieldHoldsCountsAsItsMaximum() {
        ExchangeCalls.Endpoint e = calls.endpoint("x");
        call(e, 60_000, null);
        assertThat(only().latencyP50Ms()).isEqualTo(16_777.215);
    }

    @Test
    void theLastErrorIsOneShortLineWithoutSecrets() {
        ExchangeCalls.Endpoint e = calls.endpoint("Binance.US trading");
        call(e, 10, "account: HTTP 401 signature=0f3a9bc2d1 apiKey=AbCdEf123\nat some.Stack(Trace.java:1)");
        EndpointStats s = only();
        assertThat(s.lastError()).isEqualTo("account: HTTP 401 signature=<redacted> apiKey=<redacted>");
        assertThat(s.lastErrorAtMs()).isEqualTo(wall.get());
        call(e, 10, "x".repeat(500));
        assertThat(only().lastError()).hasSize(200).endsWith("...");
        call(e, 10, null);
        assertThat(only().lastError()).as("kept after a later success").startsWith("xxx");
        assertThat(ExchangeCalls.oneLine("{\"token\": \"abc\", \"X-MBX-APIKEY: k1\"}")).doesNotContain("abc").doesNotContain("k1");
    }

    @Test
    void endpointsAreListedByNameFromTheirFirstCall() {
        ExchangeCalls.Endpoint kraken = calls.endpoint("Kraken OHLC");
        ExchangeCalls.Endpoint binance = calls.endpoint("Binance.US market data");
        calls.endpoint("Binance.US history"); // made (a fetch job source exists) but never called
        assertThat(calls.endpoint("Kraken OHLC")).isSameAs(kraken);
        assertThat(calls.snapshot()).isEmpty();
        call(kraken, 1, null);
        call(binance, 1, "HTTP 503");
        assertThat(calls.snapshot()).extracting(EndpointStats::name).containsExactly("Binance.US market data", "Kraken OHLC");
    }

    @Test
    void concurrentCallersLoseNoCount() throws Exception {
        ExchangeCalls real = new ExchangeCalls();
        ExchangeCalls.Endpoint e = real.endpoint("Binance.US market data");
        int threads = 4;
        int each = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException ex) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    long start = e.start();
                    if (i % 10 == id) {
                        e.failed(start, "thread " + id);
                    } else {
                        e.succeeded(start);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        go.countDown();
        for (int i = 0; i < 50; i++) {
            real.snapshot(); // reading while they write must not fail
        }
        for (Thread w : workers) {
            w.join();
        }
        EndpointStats s = real.snapshot().get(0);
        assertThat(s.calls()).isEqualTo((long) threads * each);
        assertThat(s.errors()).isEqualTo((long) threads * each / 10);
        assertThat(s.windowCalls()).isEqualTo(ExchangeCalls.RING);
        assertThat(s.lastError()).matches("thread [0-3]");
        assertThat(s.latencyP99Ms()).isGreaterThanOrEqualTo(s.latencyP50Ms()).isGreaterThanOrEqualTo(0);
    }
}
