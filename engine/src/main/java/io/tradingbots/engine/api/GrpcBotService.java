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
import io.tradingbots.engine.bot.BotDetail;
import io.tradingbots.engine.bot.BotEvent;
import io.tradingbots.engine.bot.BotEvents;
import io.tradingbots.engine.bot.BotExport;
import io.tradingbots.engine.bot.BotPlan;
import io.tradingbots.engine.bot.BotRunner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** BotService: translates between the API and {@link BotRunner}; no logic of its own. */
public final class GrpcBotService extends BotServiceGrpc.BotServiceImplBase {

    static final int MAX_QUEUED = 1_000;
    private static final int CHUNK_ROWS = 2_000;

    private final Supplier<BotRunner> runner;
    private final BotEvents events;
    private final Executor executor;

    /** {@code runner} is null while the engine starts (calls then fail with FAILED_PRECONDITION). */
    public GrpcBotService(Supplier<BotRunner> runner, BotEvents events, Executor executor) {
        this.runner = runner;
        this.events = events;
        this.executor = executor;
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
        response.onNext(GetBotResponse.newBuilder().setBot(toProto(runner().detail(id(request.getId())))).build());
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
