package io.tradingbots.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.bench.FakeBinanceUs;
import io.tradingbots.engine.db.Database;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a loopback fake Binance.US, through the real XChange client. */
class HistoryFetcherTest {

    static final long DAY = 86_400_000L;

    FakeBinanceUs fake;
    Database db;
    CandleStore store;
    RateBudget budget;
    XChangeBinanceUsMarketData source;
    long to;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBinanceUs(600, 1_000, 0);
        db = Database.inMemory("fetch-" + System.nanoTime());
        store = new CandleStore(db);
        source = new XChangeBinanceUsMarketData(fake.url(), 1_000, used -> {
            if (budget != null) {
                budget.reportUsed(used);
            }
        });
        to = Timeframe.D1.floor(System.currentTimeMillis());
    }

    @AfterEach
    void stop() {
        fake.close();
        db.close();
    }

    private FetchProgress fetch(List<String> symbols, List<Timeframe> tfs, long from) throws InterruptedException {
        CandleSource.ExchangeRules rules = source.rules();
        budget = HistoryFetcher.budgetFor(rules, 0.95);
        return new HistoryFetcher(source, store, budget, System::currentTimeMillis, 10)
                .start(new HistoryFetcher.Request(symbols, tfs, from, to, 2), rules).await();
    }

    @Test
    void exchangeInfoGivesTheSymbolsAndTheStatedWeightBudget() {
        CandleSource.ExchangeRules rules = source.rules();
        assertThat(rules.symbols()).containsExactlyInAnyOrder("BTC/USD", "ETH/USD");
        assertThat(rules.weightLimit()).isEqualTo(600);
        assertThat(rules.windowMs()).isEqualTo(1_000);
    }

    @Test
    void fetchesEverySeriesExactlyAndASecondRunAsksForNothing() throws InterruptedException {
        FetchProgress p = fetch(List.of("BTC/USD", "ETH/USD"), List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1), to - 2 * DAY);
        assertThat(p.state()).isEqualTo(FetchProgress.State.DONE);
        assertThat(p.stored()).isEqualTo(2 * (2_880 + 576 + 48));
        assertThat(p.done()).isEqualTo(p.total());
        SeriesKey btc = new SeriesKey("binanceus", "BTC/USD", Timeframe.M1);
        List<Candle> got = store.read(btc, new TimeRange(to - 2 * DAY, to));
        assertThat(got).hasSize(2_880);
        for (Candle c : got) {
            assertThat(c.open()).isEqualTo(FakeBinanceUs.openPrice("BTCUSD", 60_000, c.openTime()));
        }
        long calls = fake.klinesCalls.get();
        FetchProgress again = fetch(List.of("BTC/USD", "ETH/USD"), List.of(Timeframe.M1, Timeframe.M5, Timeframe.H1), to - 2 * DAY);
        assertThat(again.total()).isZero();
        assertThat(fake.klinesCalls.get()).isEqualTo(calls);
        assertThat(store.extent(btc).count()).isEqualTo(2_880);
    }

    @Test
    void candlesTheExchangeLacksBecomeKnownGapsAndAreNotAskedForAgain() throws InterruptedException {
        long from = to - DAY;
        fake.gaps.add(from + 60 * 60_000L);
        fake.gaps.add(from + 61 * 60_000L);
        fetch(List.of("BTC/USD"), List.of(Timeframe.M1), from);
        Inventory inv = store.inventory(new SeriesKey("binanceus", "BTC/USD", Timeframe.M1));
        assertThat(inv.count()).isEqualTo(1_440 - 2);
        assertThat(inv.knownGaps()).containsExactly(new TimeRange(from + 60 * 60_000L, from + 62 * 60_000L));
        assertThat(inv.missing()).isEmpty();
        long calls = fake.klinesCalls.get();
        assertThat(fetch(List.of("BTC/USD"), List.of(Timeframe.M1), from).total()).isZero();
        assertThat(fake.klinesCalls.get()).isEqualTo(calls);
    }

    @Test
    void a429IsWaitedOutWithoutCallingDuringTheWaitAnd5xxIsRetried() throws InterruptedException {
        fake.force429Next.set(1);
        fake.failNext5xx.set(2);
        FetchProgress p = fetch(List.of("BTC/USD"), List.of(Timeframe.M1), to - 3 * DAY);
        assertThat(p.state()).isEqualTo(FetchProgress.State.DONE);
        assertThat(p.rateLimited()).isBetween(1L, 2L); // the other call in flight may get its 429 too
        assertThat(p.retries()).isEqualTo(2);
        assertThat(fake.replies418.get()).isZero();
        assertThat(p.stored()).isEqualTo(3 * 1_440);
    }

    @Test
    void aMalformedReplyFailsNamingTheSeriesAndKeepsWhatWasStored() throws InterruptedException {
        fetch(List.of("BTC/USD"), List.of(Timeframe.H1), to - 2 * DAY);
        SeriesKey key = new SeriesKey("binanceus", "BTC/USD", Timeframe.H1);
        List<Candle> before = store.read(key, new TimeRange(0, to));
        fake.malformedNext.set(100);
        FetchProgress p = fetch(List.of("BTC/USD"), List.of(Timeframe.H1), to - 30 * DAY);
        assertThat(p.state()).isEqualTo(FetchProgress.State.FAILED);
        assertThat(p.message()).contains("BTC/USD 1h").contains("malformed");
        assertThat(store.read(key, new TimeRange(0, to))).isEqualTo(before);
    }

    @Test
    void slowRepliesTimeOutAndTheFetchGivesUpWithAClearMessage() throws InterruptedException {
        fake.slowMs = 1_500;
        FetchProgress p = fetch(List.of("ETH/USD"), List.of(Timeframe.H1), to - DAY);
        assertThat(p.state()).isEqualTo(FetchProgress.State.FAILED);
        assertThat(p.message()).contains("ETH/USD 1h").contains("no complete reply").contains("run the same command again");
    }

    @Test
    void unknownSymbolsFutureRangesAndReversedRangesAreRefusedBeforeAnyKlinesCall() {
        CandleSource.ExchangeRules rules = source.rules();
        budget = HistoryFetcher.budgetFor(rules, 0.95);
        HistoryFetcher f = new HistoryFetcher(source, store, budget, System::currentTimeMillis, 10);
        long now = System.currentTimeMillis();
        assertThatThrownBy(() -> f.start(new HistoryFetcher.Request(List.of("DOGE/USD"), List.of(Timeframe.M1), now - DAY, now, 1), rules))
                .isInstanceOf(EngineException.class).hasMessageContaining("DOGE/USD is not listed on binanceus");
        assertThatThrownBy(() -> f.start(new HistoryFetcher.Request(List.of("BTC/USD"), List.of(Timeframe.M1), now + DAY, now + 2 * DAY, 1), rules))
                .hasMessageContaining("is in the future");
        assertThatThrownBy(() -> f.start(new HistoryFetcher.Request(List.of("BTC/USD"), List.of(Timeframe.M1), now, now - DAY, 1), rules))
                .hasMessageContaining("is not before");
        assertThat(fake.klinesCalls.get()).isZero();
    }

    @Test
    void theUsedWeightHeaderOfEverySuccessfulReplyReachesTheBudget() throws Exception {
        List<Long> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        XChangeBinanceUsMarketData listening = new XChangeBinanceUsMarketData(fake.url(), 1_000, heard::add);
        long open = Timeframe.H1.floor(to - 10 * Timeframe.H1.millis());
        List<Candle> first = listening.candles("BTC/USD", Timeframe.H1, open, open + 5 * Timeframe.H1.millis(), 1000);
        List<Candle> second = listening.candles("BTC/USD", Timeframe.H1, open, open + 5 * Timeframe.H1.millis(), 1000);
        assertThat(first).hasSize(5).isEqualTo(second);
        assertThat(first.get(0).open()).isEqualByComparingTo(FakeBinanceUs.openPrice("BTCUSD", Timeframe.H1.millis(), open));
        // two 200 replies, two headers: the weight used in the fake's window after each call
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1)).isGreaterThan(heard.get(0));
        assertThat(fake.replies429.get() + fake.replies418.get()).isZero();
    }

    @Test
    void anUnreachableUrlIsATransientFailureNamingTheUrl() {
        XChangeBinanceUsMarketData nowhere = new XChangeBinanceUsMarketData("http://127.0.0.1:1", 500, used -> {});
        assertThatThrownBy(nowhere::rules).isInstanceOf(CandleSource.TransientSourceException.class)
                .hasMessageContaining("http://127.0.0.1:1");
    }

    @Test
    void aCandleMissingRightAfterItClosedIsAskedForAgainNotTakenForAGap() throws InterruptedException {
        long now = System.currentTimeMillis();
        long lastClosed = Timeframe.M1.floor(now) - 60_000;
        fake.gaps.add(lastClosed); // the exchange has not published it yet
        CandleSource.ExchangeRules rules = source.rules();
        budget = HistoryFetcher.budgetFor(rules, 0.95);
        HistoryFetcher f = new HistoryFetcher(source, store, budget, System::currentTimeMillis, 10);
        long from = Timeframe.M1.floor(now) - 30 * 60_000L;
        f.start(new HistoryFetcher.Request(List.of("BTC/USD"), List.of(Timeframe.M1), from, now, 1), rules).await();
        SeriesKey key = new SeriesKey("binanceus", "BTC/USD", Timeframe.M1);
        assertThat(store.inventory(key).knownGaps()).isEmpty();
        fake.gaps.clear();
        FetchProgress again = f.start(new HistoryFetcher.Request(List.of("BTC/USD"), List.of(Timeframe.M1), from, now, 1), rules).await();
        assertThat(again.stored()).isGreaterThanOrEqualTo(1);
        assertThat(store.openTimes(key, new TimeRange(lastClosed, lastClosed + 60_000))).containsExactly(lastClosed);
    }
}
