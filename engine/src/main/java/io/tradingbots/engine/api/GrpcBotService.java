package io.tradingbots.engine.api;

import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportBotResponse;
import io.tradingbots.api.v1.GetBotRequest;
import io.tradingbots.api.v1.GetBotResponse;
import io.tradingbots.api.v1.ListBotsRequest;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.api.v1.PauseBotRequest;
import io.tradingbots.api.v1.PauseBotResponse;
import io.tradingbots.api.v1.SetAllocationRequest;
import io.tradingbots.api.v1.SetAllocationResponse;
import io.tradingbots.api.v1.StartBotRequest;
import io.tradingbots.api.v1.StartBotResponse;
import io.tradingbots.api.v1.StopBotRequest;
import io.tradingbots.api.v1.StopBotResponse;
import io.tradingbots.api.v1.WatchBotEventsRequest;
import io.tradingbots.api.v1.WatchBotEventsResponse;
import io.tradingbots.api.v1.CandleChunk;
import io.tradingbots.api.v1.ChartFill;
import io.tradingbots.api.v1.ChartPane;
import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.IndicatorLine;
import io.tradingbots.engine.bot.BotChart;
import io.tradingbots.engine.bot.BotDetail;
import io.tradingbots.engine.bot.BotEvent;
import io.tradingbots.engine.bot.BotEvents;
import io.tradingbots.engine.bot.BotExport;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotRunner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import io.tradingbots.engine.history.CandleColumns;
import io.tradingbots.engine.history.CandleReads;
import io.tradingbots.engine.market.Candle;
import io.tradingbots.engine.market.Timeframe;
import io.tradingbots.engine.strategy.ChartIndicator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** BotService: translates between the API and {@link BotRunner}; no logic of its own. */
public final class GrpcBotService extends BotServiceGrpc.BotServiceImplBase {

    static final int MAX_QUEUED = 1_000;
    private static final int CHUNK_ROWS = 2_000;

    private final Supplier<BotRunner> runner;
    private final BotEvents events;
    private final Executor executor;
    private final Supplier<CandleReads> candles;

    /** {@code runner} is null while the engine starts (calls then fail with FAILED_PRECONDITION). */
    public GrpcBotService(Supplier<BotRunner> runner, BotEvents events, Executor executor) {
        this(runner, events, executor, () -> null);
    }

    /** With the engine's candle store ({@code candles} may give null while it opens): GetBotChart's candles come from there first. */
    public GrpcBotService(Supplier<BotRunner> runner, BotEvents events, Executor executor, Supplier<CandleReads> candles) {
        this.runner = runner;
        this.events = events;
        this.executor = executor;
        this.candles = candles;
    }

    private BotRunner runner() {
        BotRunner r = runner.get();
        if (r == null) {
            throw new IllegalStateException("the engine is still starting: its bots are not running yet");
        }
        return r;
    }

    private static String id(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required (the bot's id, see ListBots)");
        }
        return id.strip();
    }

    @Override
    public void listBots(ListBotsRequest request, StreamObserver<ListBotsResponse> response) {
        BotRunner r = runner();
        ListBotsResponse.Builder b = ListBotsResponse.newBuilder();
        r.details().forEach(d -> b.addBots(toProto(d)));
        BotPlan plan = r.plan();
        response.onNext(b.setCapital(plain(plan.capital())).setUnallocatedPercent(unallocated(plan)).build());
        response.onCompleted();
    }

    @Override
    public void getBot(GetBotRequest request, StreamObserver<GetBotResponse> response) {
        String id = id(request.getId());
        GetBotResponse.Builder b = GetBotResponse.newBuilder().setBot(toProto(runner().detail(id)));
        List<io.tradingbots.engine.order.Order> orders = runner().orders(id);
        for (int i = orders.size() - 1; i >= 0 && i >= orders.size() - RECENT_ORDERS; i--) {
            b.addRecentOrders(toProto(recent(orders.get(i))));
        }
        response.onNext(b.build());
        response.onCompleted();
    }

    @Override
    public void startBot(StartBotRequest request, StreamObserver<StartBotResponse> response) {
        response.onNext(StartBotResponse.newBuilder().setBot(toProto(runner().startBot(id(request.getId()), request.getReason()))).build());
        response.onCompleted();
    }

    @Override
    public void stopBot(StopBotRequest request, StreamObserver<StopBotResponse> response) {
        response.onNext(StopBotResponse.newBuilder().setBot(toProto(runner().stopBot(id(request.getId()), request.getFlatten()))).build());
        response.onCompleted();
    }

    @Override
    public void pauseBot(PauseBotRequest request, StreamObserver<PauseBotResponse> response) {
        response.onNext(PauseBotResponse.newBuilder().setBot(toProto(runner().pauseBot(id(request.getId())))).build());
        response.onCompleted();
    }

    @Override
    public void setAllocation(SetAllocationRequest request, StreamObserver<SetAllocationResponse> response) {
        BigDecimal percent;
        try {
            percent = new BigDecimal(request.getPercent().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("percent must be a decimal string like \"20\", got '" + request.getPercent() + "'");
        }
        BotRunner r = runner();
        BotDetail d = r.setAllocation(id(request.getId()), percent);
        response.onNext(SetAllocationResponse.newBuilder().setBot(toProto(d)).setUnallocatedPercent(unallocated(r.plan())).build());
        response.onCompleted();
    }

    /** Events go through a bounded per-client queue, drained only while gRPC says the client is ready. */
    @Override
    public void watchBotEvents(WatchBotEventsRequest request, StreamObserver<WatchBotEventsResponse> response) {
        String only = request.getBotId().strip();
        if (!only.isEmpty()) {
            runner().detail(only); // NOT_FOUND for an unknown bot
        }
        ServerCallStreamObserver<WatchBotEventsResponse> call = (ServerCallStreamObserver<WatchBotEventsResponse>) response;
        Object lock = new Object();
        Deque<BotEvent> queue = new ArrayDeque<>();
        long[] state = {0, 0}; // sequence, missed
        boolean[] draining = {false};
        Runnable drain = () -> {
            synchronized (lock) {
                draining[0] = false;
                while (call.isReady() && !call.isCancelled() && (!queue.isEmpty() || state[1] > 0)) {
                    BotEvent e;
                    if (state[1] > 0) {
                        e = BotEvent.of0(System.currentTimeMillis(), "", BotEvent.Kind.STATUS, state[1] + " events missed: the reader was too slow");
                        state[1] = 0;
                    } else {
                        e = queue.pollFirst();
                    }
                    call.onNext(WatchBotEventsResponse.newBuilder().setSequence(++state[0]).setEvent(toProto(e)).build());
                }
            }
        };
        Runnable schedule = () -> {
            synchronized (lock) {
                if (draining[0]) {
                    return;
                }
                draining[0] = true;
            }
            executor.execute(drain);
        };
        Runnable unsubscribe = events.subscribe(e -> {
            if (!only.isEmpty() && !only.equals(e.botId())) {
                return;
            }
            synchronized (lock) {
                if (queue.size() >= MAX_QUEUED) {
                    queue.pollFirst();
                    state[1]++;
                }
                queue.addLast(e);
            }
            schedule.run();
        });
        call.setOnCancelHandler(unsubscribe::run);
        call.setOnReadyHandler(schedule);
    }

    @Override
    public void exportBot(ExportBotRequest request, StreamObserver<ExportBotResponse> response) {
        BotExport.Kind kind = switch (request.getKind()) {
            case EXPORT_KIND_TRADES -> BotExport.Kind.TRADES;
            case EXPORT_KIND_ORDERS -> BotExport.Kind.ORDERS;
            case EXPORT_KIND_EQUITY -> BotExport.Kind.EQUITY;
            default -> throw new IllegalArgumentException("kind must be EXPORT_KIND_TRADES, EXPORT_KIND_ORDERS or EXPORT_KIND_EQUITY");
        };
        BotRunner r = runner();
        String id = id(request.getId());
        BotDetail d = r.detail(id);
        StringBuilder chunk = new StringBuilder();
        int[] rows = {-1}; // the header is not a row
        BotExport.write(kind, id, d.spec(), r.journal(), r.curve(), line -> {
            chunk.append(line).append('\n');
            rows[0]++;
            if (rows[0] >= CHUNK_ROWS) {
                response.onNext(ExportBotResponse.newBuilder().setCsvChunk(chunk.toString()).setRows(rows[0]).build());
                chunk.setLength(0);
                rows[0] = 0;
            }
        });
        response.onNext(ExportBotResponse.newBuilder().setCsvChunk(chunk.toString()).setRows(Math.max(0, rows[0])).build());
        response.onCompleted();
    }

    @Override
    public void getBotChart(GetBotChartRequest request, StreamObserver<GetBotChartResponse> response) {
        BotRunner r = runner();
        String id = id(request.getId());
        BotDetail d = r.detail(id); // NOT_FOUND for an unknown bot
        BotChart.Result chart = BotChart.build(d.spec(), r.feeRate(), store(candles.get()), r.bars(id), r.journal().read(id),
                request.getFromTime(), request.getToTime(), request.getMaxCandles());
        GetBotChartResponse.Builder b = GetBotChartResponse.newBuilder().setBotId(id).setSymbol(d.spec().symbol())
                .setTimeframe(d.spec().timeframe().label()).setStrategy(chart.strategyLabel()).setCandles(chunk(chart.candles()))
                .setTruncated(chart.truncated()).setCandleSource(chart.candleSource());
        for (BotChart.Line line : chart.lines()) {
            IndicatorLine.Builder l = IndicatorLine.newBuilder().setName(line.name()).setGroup(line.group())
                    .setPane(line.pane() == ChartIndicator.Pane.PRICE ? ChartPane.CHART_PANE_PRICE : ChartPane.CHART_PANE_SEPARATE);
            for (double v : line.values()) {
                l.addValues(v);
            }
            b.addLines(l);
        }
        for (BotChart.FillMark f : chart.fills()) {
            b.addFills(ChartFill.newBuilder().setTime(f.time()).setSide(f.side() == null ? "" : f.side().name()).setPrice(plain(f.price()))
                    .setQuantity(plain(f.quantity())).setFee(plain(f.fee())).setFeeAsset(f.feeAsset())
                    .setClientOrderId(f.clientOrderId() == null ? "" : f.clientOrderId()));
        }
        response.onNext(b.build());
        response.onCompleted();
    }

    /** The engine's candle store as GetBotChart reads it: the one stored source of a symbol and timeframe, if any. */
    private static BotChart.Store store(CandleReads reads) {
        if (reads == null) {
            return BotChart.Store.NONE;
        }
        return new BotChart.Store() {
            @Override
            public List<Candle> read(String symbol, Timeframe timeframe, long from, long to) {
                CandleReads.Plan plan = plan(symbol, timeframe, from, to, CandleReads.LIMIT);
                if (plan == null || plan.range().isEmpty()) {
                    return List.of();
                }
                CandleColumns c = reads.read(plan.key(), plan.range());
                List<Candle> out = new ArrayList<>(c.size());
                for (int i = 0; i < c.size(); i++) {
                    out.add(c.candle(i));
                }
                return out;
            }

            @Override
            public long newest(String symbol, Timeframe timeframe) {
                CandleReads.Plan plan = plan(symbol, timeframe, 0, 0, 1);
                return plan == null || plan.range().isEmpty() ? -1 : plan.range().to() - timeframe.millis();
            }

            @Override
            public String describe(String symbol, Timeframe timeframe) {
                CandleReads.Plan plan = plan(symbol, timeframe, 0, 0, 1);
                return plan == null ? "" : plan.key().exchange();
            }

            private CandleReads.Plan plan(String symbol, Timeframe timeframe, long from, long to, int max) {
                try {
                    return reads.plan("", symbol, timeframe.label(), from, to, max);
                } catch (NoSuchElementException | IllegalArgumentException notStoredOrAmbiguous) {
                    return null; // then the chart shows the bot's own bars
                }
            }
        };
    }

    /** The candles as one packed chunk: per column group the largest scale any value needs (at most 12 decimals). */
    static CandleChunk chunk(List<Candle> candles) {
        int priceScale = 0;
        int volumeScale = 0;
        for (Candle c : candles) {
            priceScale = Math.max(priceScale, Math.max(Math.max(scale(c.open()), scale(c.high())), Math.max(scale(c.low()), scale(c.close()))));
            volumeScale = Math.max(volumeScale, scale(c.volume()));
        }
        priceScale = fit(candles, priceScale, true);
        volumeScale = fit(candles, volumeScale, false);
        CandleChunk.Builder b = CandleChunk.newBuilder().setPriceScale(priceScale).setVolumeScale(volumeScale);
        for (Candle c : candles) {
            b.addOpenTimes(c.openTime()).addOpen(unscaled(c.open(), priceScale)).addHigh(unscaled(c.high(), priceScale))
                    .addLow(unscaled(c.low(), priceScale)).addClose(unscaled(c.close(), priceScale))
                    .addVolume(unscaled(c.volume(), volumeScale));
        }
        return b.build();
    }

    private static int scale(BigDecimal d) {
        return Math.min(12, Math.max(0, d.stripTrailingZeros().scale()));
    }

    /** The largest scale at or under {@code scale} at which every value of the group fits a long. */
    private static int fit(List<Candle> candles, int scale, boolean prices) {
        BigDecimal largest = BigDecimal.ZERO;
        for (Candle c : candles) {
            largest = largest.max(prices ? c.high().abs().max(c.low().abs()) : c.volume().abs());
        }
        while (scale > 0 && largest.movePointRight(scale).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            scale--;
        }
        return scale;
    }

    private static long unscaled(BigDecimal d, int scale) {
        return d.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    private static String unallocated(BotPlan plan) {
        return plain(BigDecimal.valueOf(100).subtract(plan.totalSharePercent()));
    }

    static Bot toProto(BotDetail d) {
        Bot.Builder b = Bot.newBuilder().setId(d.spec().id()).setName(d.spec().name()).setStrategy(d.spec().strategy())
                .putAllParams(d.spec().resolvedParams().asMap()).setSymbol(d.spec().symbol()).setTimeframe(d.spec().timeframe().label())
                .setStatus(io.tradingbots.api.v1.BotStatus.valueOf("BOT_STATUS_" + d.status().name()))
                .setStatusReason(d.statusReason() == null ? "" : d.statusReason())
                .setAllocationPercent(plain(d.spec().sharePercent())).setAllocatedCapital(plain(d.allocatedCapital()))
                .setCash(plain(d.cash())).setPosition(plain(d.position())).setLastPrice(d.lastPrice() == null ? "" : plain(d.lastPrice()))
                .setEquity(plain(d.equity().setScale(8, RoundingMode.HALF_EVEN))).setRealisedPnl(plain(d.realisedPnl().setScale(8, RoundingMode.HALF_EVEN)))
                .setFeesPaid(plain(d.feesPaid())).setOrderCount(d.orderCount()).setFillCount(d.fillCount()).setOpenOrders(d.openOrders())
                .setLastSignal(d.lastSignal() == null ? "" : d.lastSignal());
        if (d.lastDecisionTime() > 0) {
            b.setLastDecisionTime(ts(d.lastDecisionTime()));
        }
        return b.build();
    }

    private static final int RECENT_ORDERS = 50;

    /** A journaled order as the ORDER event a bot publishes, stamped with the time the bot decided. */
    static BotEvent recent(io.tradingbots.engine.order.Order o) {
        String text = o.side() + " " + plain(o.quantity()) + " " + o.symbol() + " " + o.type() + ": " + o.state()
                + (o.filledQuantity().signum() > 0 ? " " + plain(o.filledQuantity()) + " at " + plain(o.averagePrice()) : "")
                + (o.state() == io.tradingbots.engine.order.OrderState.REJECTED || o.state() == io.tradingbots.engine.order.OrderState.CANCELLED
                ? " (" + o.reason() + ")" : "");
        return new BotEvent(o.createdAt(), o.botId(), BotEvent.Kind.ORDER, text, o.clientOrderId(), o.side().name(), o.quantity(),
                o.filledQuantity().signum() > 0 ? o.averagePrice() : o.limitPrice());
    }

    static io.tradingbots.api.v1.BotEvent toProto(BotEvent e) {
        io.tradingbots.api.v1.BotEvent.Builder b = io.tradingbots.api.v1.BotEvent.newBuilder().setTime(ts(e.time())).setBotId(e.botId())
                .setKind(BotEventKind.valueOf("BOT_EVENT_KIND_" + e.kind().name())).setText(e.text());
        if (e.clientOrderId() != null) {
            b.setClientOrderId(e.clientOrderId());
        }
        if (e.side() != null) {
            b.setSide(e.side());
        }
        if (e.quantity() != null) {
            b.setQuantity(plain(e.quantity()));
        }
        if (e.price() != null) {
            b.setPrice(plain(e.price()));
        }
        return b.build();
    }

    private static Timestamp ts(long ms) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(ms, 1000)).setNanos((int) Math.floorMod(ms, 1000) * 1_000_000).build();
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
