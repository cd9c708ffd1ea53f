package io.tradingbots.engine.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import io.tradingbots.engine.health.EndpointStats;
import io.tradingbots.engine.health.ExchangeCalls;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.FeedStatus;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KrakenVenue against a loopback fake of Kraken's public OHLC endpoint, speaking its JSON. */
class KrakenVenueTest {

    private static final long T0 = 1_700_000_040L; // s, a minute boundary
    private static final long POLL_MS = 10_000;

    private HttpServer server;
    private final ConcurrentLinkedQueue<String> replies = new ConcurrentLinkedQueue<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private KrakenVenue venue;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/0/public/OHLC", ex -> {
            String body0 = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            queries.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body0);
            String body = replies.poll();
            byte[] b = (body == null ? "{\"error\":[\"EService:Unavailable\"]}" : body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        venue = new KrakenVenue("http://127.0.0.1:" + server.getAddress().getPort(),
                Map.of("BTC/USD", Set.of(Timeframe.M1)), POLL_MS, 5_000, now::get);
    }

    @AfterEach
    void stop() {
        venue.close();
        server.stop(0);
    }

    private static String ohlc(String pairKey, long last, String... rows) {
        return "{\"error\":[],\"result\":{\"" + pairKey + "\":[" + String.join(",", rows) + "],\"last\":" + last + "}}";
    }

    private static String row(long t, String open, String high, String low, String close, String volume) {
        return "[" + t + ",\"" + open + "\",\"" + high + "\",\"" + low + "\",\"" + close + "\",\"" + close + "\",\"" + volume + "\",17]";
    }

    private static Candle binance(long openS, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle("BTC/USD", Timeframe.M1, openS * 1000, c, c, c, c, BigDecimal.ONE);
    }

    @Test
    void parsesExactlyAndKeepsOnlyClosedCandlesByOpenTime() {
        // the last row is the minute still forming when Kraken answers: not kept
        replies.add(ohlc("XXBTZUSD", T0 + 60, row(T0, "37000.1", "37010.50", "36990.0", "37005.25", "1.23456789"),
                row(T0 + 60, "37005.25", "37020.0", "37001.0", "37019.9", "0.5"),
                row(T0 + 120, "37019.9", "37030.0", "37019.0", "37025.0", "0.1")));
        now.set((T0 + 150) * 1000);
        venue.pollOnce();

        assertThat(queries).hasSize(1);
        assertThat(queries.get(0)).contains("pair=XBTUSD").contains("interval=1");
        Candle k = venue.candle(binance(T0, "37000")).orElseThrow();
        assertThat(k.openTime()).isEqualTo(T0 * 1000);
        assertThat(k.open()).isEqualTo(new BigDecimal("37000.1"));
        assertThat(k.high()).isEqualTo(new BigDecimal("37010.50"));
        assertThat(k.low()).isEqualTo(new BigDecimal("36990.0"));
        assertThat(k.close()).isEqualTo(new BigDecimal("37005.25"));
        assertThat(k.volume()).isEqualTo(new BigDecimal("1.23456789"));
        assertThat(venue.candle(binance(T0 + 60, "37000")).orElseThrow().close()).isEqualTo(new BigDecimal("37019.9"));
        assertThat(venue.candle(binance(T0 + 120, "37000"))).as("still forming at the reply").isEmpty();
        assertThat(venue.candle(binance(T0 + 30, "37000"))).as("no candle opens then").isEmpty();
        assertThat(venue.candle(new Candle("ETH/USD", Timeframe.M1, T0 * 1000, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE))).as("a symbol not polled").isEmpty();

        // the next poll asks only for what is newer, once the wait is over, and then keeps the formed minute
        venue.pollOnce();
        assertThat(queries).hasSize(1);
        replies.add(ohlc("XXBTZUSD", T0 + 120, row(T0 + 120, "37019.9", "37031.0", "37019.0", "37026.5", "0.2")));
        now.addAndGet(3 * POLL_MS); // T0 + 180 s: the minute opening at T0 + 120 is over
        venue.pollOnce();
        assertThat(queries).hasSize(2);
        assertThat(queries.get(1)).contains("since=" + (T0 + 60));
        assertThat(venue.candle(binance(T0 + 120, "37000")).orElseThrow().close()).isEqualTo(new BigDecimal("37026.5"));
        assertThat(venue.held("BTC/USD", Timeframe.M1)).extracting(Candle::openTime)
                .containsExactly(T0 * 1000, (T0 + 60) * 1000, (T0 + 120) * 1000);

        // close to a minute's end, the next poll is just after that close, not a full period later
        now.set((T0 + 235) * 1000);
        replies.add(ohlc("XXBTZUSD", T0 + 120));
        venue.pollOnce();
        assertThat(venue.nextPollAt("BTC/USD", Timeframe.M1)).isEqualTo((T0 + 240) * 1000 + KrakenVenue.AFTER_CLOSE_MS);
    }

    @Test
    void backsOffOnErrorsAndRecovers() {
        now.set((T0 + 90) * 1000);
        replies.add("{\"error\":[\"EGeneral:Too many requests\"]}");
        venue.pollOnce();
        assertThat(queries).hasSize(1);
        assertThat(venue.nextPollAt("BTC/USD", Timeframe.M1)).isEqualTo(now.get() + 2 * POLL_MS);
        assertThat(venue.description()).contains("Too many requests");
        assertThat(venue.candle(binance(T0, "1"))).isEmpty();

        now.addAndGet(POLL_MS); // not yet: still backing off
        venue.pollOnce();
        assertThat(queries).hasSize(1);

        now.addAndGet(POLL_MS);
        replies.add("{\"error\":[\"EGeneral:Too many requests\"]}");
        venue.pollOnce(); // second failure in a row: the wait doubles
        assertThat(queries).hasSize(2);
        assertThat(venue.nextPollAt("BTC/USD", Timeframe.M1)).isEqualTo(now.get() + 4 * POLL_MS);

        now.addAndGet(4 * POLL_MS);
        replies.add(ohlc("XXBTZUSD", T0, row(T0, "1.5", "2", "1", "1.75", "3")));
        venue.pollOnce();
        assertThat(queries).hasSize(3);
        assertThat(venue.description()).isEqualTo("Kraken");
        assertThat(venue.nextPollAt("BTC/USD", Timeframe.M1)).isEqualTo(now.get() + POLL_MS);
        assertThat(venue.candle(binance(T0, "1")).orElseThrow().close()).isEqualTo(new BigDecimal("1.75"));
    }

    @Test
    void backgroundPollerFillsTheVenueWithoutBeingAsked() throws InterruptedException {
        now.set((T0 + 90) * 1000);
        replies.add(ohlc("XXBTZUSD", T0, row(T0, "10", "11", "9", "10.5", "1")));
        venue.start();
        long until = System.currentTimeMillis() + 5_000;
        while (venue.candle(binance(T0, "1")).isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertThat(venue.candle(binance(T0, "1")).orElseThrow().close()).isEqualTo(new BigDecimal("10.5"));
    }

    @Test
    void arbitrageBotDoesNotDecideWithoutTheKrakenCandle() {
        // Kraken 2% above Binance.US at T0, nothing yet for the minute after
        replies.add(ohlc("XXBTZUSD", T0, row(T0, "102", "102", "102", "102", "1")));
        now.set((T0 + 90) * 1000);
        venue.pollOnce();
        BotSpec spec = new BotSpec("arb-btc", null, "arbitrage", Map.of(), "BTC/USD", Timeframe.M1, BigDecimal.TEN, BotSpec.Desired.RUNNING);

        Bot withGap = new Bot(spec, 0.001);
        assertThat(withGap.add(binance(T0, "100"), venue)).isTrue();
        assertThat(withGap.secondMissing).isNull();
        assertThat(withGap.decide()).isEqualTo(Bot.Signal.ENTER);

        Bot late = new Bot(spec, 0.001);
        assertThat(late.add(binance(T0 + 60, "100"), venue)).isTrue();
        assertThat(late.decide()).isEqualTo(Bot.Signal.NONE);
        assertThat(late.secondMissing).contains("no Kraken candle opening at").contains("no decision on this bar");

        // the gap bar followed by a bar Kraken has not answered yet: no entry on the second bar
        assertThat(withGap.add(binance(T0 + 60, "100"), venue)).isTrue();
        assertThat(withGap.decide()).isEqualTo(Bot.Signal.NONE);
    }

    @Test
    void healthShowsEachSeriesLastCandleAndTheCallsWithTheirErrors() {
        ExchangeCalls calls = new ExchangeCalls();
        KrakenVenue counted = new KrakenVenue("http://127.0.0.1:" + server.getAddress().getPort(),
                Map.of("BTC/USD", Set.of(Timeframe.M1, Timeframe.M5)), POLL_MS, 5_000, now::get, calls.endpoint(KrakenVenue.ENDPOINT));
        now.set((T0 + 150) * 1000);
        assertThat(counted.feeds(now.get())).extracting(FeedStatus::name, FeedStatus::ageMs)
                .containsExactly(tuple("kraken BTC/USD 1m", -1L), tuple("kraken BTC/USD 5m", -1L));

        // 1m answers (two closed minutes), 5m gets Kraken's error reply
        replies.add(ohlc("XXBTZUSD", T0 + 60, row(T0, "1", "1", "1", "1", "1"), row(T0 + 60, "2", "2", "2", "2", "1")));
        counted.pollOnce();

        List<FeedStatus> feeds = counted.feeds(now.get());
        assertThat(feeds.get(0).lastCloseMs()).isEqualTo((T0 + 120) * 1000);
        assertThat(feeds.get(0).ageMs()).isEqualTo(30_000);
        assertThat(feeds.get(0).expectedIntervalMs()).isEqualTo(60_000);
        assertThat(feeds.get(1).ageMs()).isEqualTo(-1);
        EndpointStats e = calls.snapshot().get(0);
        assertThat(e.name()).isEqualTo("Kraken OHLC");
        assertThat(e.calls()).isEqualTo(2);
        assertThat(e.errors()).isEqualTo(1);
        assertThat(e.lastError()).isEqualTo("OHLC XBTUSD 5m: IllegalStateException: EService:Unavailable");
        counted.close();
    }
}
