package io.tradingbots.desktop.performance;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.BacktestMetrics;
import io.tradingbots.api.v1.BacktestResult;
import io.tradingbots.api.v1.BacktestServiceGrpc;
import io.tradingbots.api.v1.BacktestSummary;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.EquityPoint;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportBotResponse;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.GetBacktestRequest;
import io.tradingbots.api.v1.GetBacktestResponse;
import io.tradingbots.api.v1.ListBacktestsRequest;
import io.tradingbots.api.v1.ListBacktestsResponse;
import io.tradingbots.api.v1.ListBotsRequest;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process BotService and BacktestService behind the token check: bots whose equity exports
 * the test writes (sent in two chunks split mid-line, as a stream may), and stored backtests.
 */
final class FakePerformance implements AutoCloseable {

    static final long START = 1_704_067_200_000L; // 2024-01-01T00:00Z
    static final long HOUR = 3_600_000L;

    private final InProcessEngine server;
    private final Map<String, Bot> bots = new LinkedHashMap<>();
    private final Map<String, String> equityCsv = new LinkedHashMap<>();
    private final List<BacktestResult> stored = new CopyOnWriteArrayList<>();
    private final List<ExportKind> exportsAsked = new CopyOnWriteArrayList<>();

    FakePerformance() throws IOException {
        server = new InProcessEngine(new Bots(), new Backtests());
    }

    synchronized void addBot(String id, String name, long fills, String fees, String csv) {
        bots.put(id, Bot.newBuilder().setId(id).setName(name).setStrategy("sma-cross").setSymbol("BTC/USD").setTimeframe("1h")
                .setStatus(BotStatus.BOT_STATUS_RUNNING).setFillCount(fills).setFeesPaid(fees).build());
        equityCsv.put(id, csv);
    }

    void store(BacktestResult r) {
        stored.add(0, r);
    }

    List<ExportKind> exportsAsked() {
        return exportsAsked;
    }

    EngineClient client() {
        return server.client();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The engine's equity export format: time,price,cash,position,equity, one row per hourly close. */
    static String csv(double[] prices, double[] equities) {
        StringBuilder b = new StringBuilder("time,price,cash,position,equity\n");
        for (int i = 0; i < prices.length; i++) {
            b.append(Instant.ofEpochMilli(START + i * HOUR)).append(',').append(prices[i]).append(",0,0,").append(equities[i]).append('\n');
        }
        return b.toString();
    }

    /** A stored backtest: -4.12% against buy-and-hold's +25.33%, 18.75% drawdown, 3 trades, $5.99 fees, a 3-point curve. */
    static BacktestResult backtest(String id) {
        BacktestSummary summary = BacktestSummary.newBuilder().setId(id).setCreatedAt(START).setExchange("binanceus")
                .setSymbol("BTC/USD").setTimeframe("1h").setStrategy("sma-cross").setFirstOpenTime(START)
                .setLastOpenTime(START + 8_759 * HOUR).setBars(8_760).setFinalEquity("958.8").setTotalReturn("-0.0412")
                .setBuyAndHoldReturn("0.2533").setMaxDrawdown("0.1875").setSharpe("-0.31").setTrades(3).build();
        return BacktestResult.newBuilder().setSummary(summary)
                .setMetrics(BacktestMetrics.newBuilder().setFeesPaid("5.99").setTrades(3))
                .addEquityCurve(EquityPoint.newBuilder().setTime(START).setEquity("1000"))
                .addEquityCurve(EquityPoint.newBuilder().setTime(START + 4_000 * HOUR).setEquity("1100"))
                .addEquityCurve(EquityPoint.newBuilder().setTime(START + 8_759 * HOUR).setEquity("958.8")).build();
    }

    private final class Bots extends BotServiceGrpc.BotServiceImplBase {
        @Override
        public void listBots(ListBotsRequest request, StreamObserver<ListBotsResponse> response) {
            synchronized (FakePerformance.this) {
                response.onNext(ListBotsResponse.newBuilder().addAllBots(bots.values()).setCapital("10000").build());
            }
            response.onCompleted();
        }

        @Override
        public void exportBot(ExportBotRequest r, StreamObserver<ExportBotResponse> response) {
            exportsAsked.add(r.getKind());
            String csv;
            synchronized (FakePerformance.this) {
                csv = equityCsv.get(r.getId());
            }
            if (csv == null || r.getKind() != ExportKind.EXPORT_KIND_EQUITY) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("only equity exports of known bots here").asRuntimeException());
                return;
            }
            int cut = csv.length() / 2;
            response.onNext(ExportBotResponse.newBuilder().setCsvChunk(csv.substring(0, cut)).build());
            response.onNext(ExportBotResponse.newBuilder().setCsvChunk(csv.substring(cut)).build());
            response.onCompleted();
        }
    }

    private final class Backtests extends BacktestServiceGrpc.BacktestServiceImplBase {
        @Override
        public void listBacktests(ListBacktestsRequest request, StreamObserver<ListBacktestsResponse> response) {
            response.onNext(ListBacktestsResponse.newBuilder()
                    .addAllBacktests(stored.stream().map(BacktestResult::getSummary).toList()).build());
            response.onCompleted();
        }

        @Override
        public void getBacktest(GetBacktestRequest request, StreamObserver<GetBacktestResponse> response) {
            stored.stream().filter(r -> r.getSummary().getId().equals(request.getId())).findFirst().ifPresentOrElse(
                    r -> {
                        response.onNext(GetBacktestResponse.newBuilder().setResult(r).build());
                        response.onCompleted();
                    },
                    () -> response.onError(Status.NOT_FOUND.withDescription("no stored backtest " + request.getId())
                            .asRuntimeException()));
        }
    }
}
