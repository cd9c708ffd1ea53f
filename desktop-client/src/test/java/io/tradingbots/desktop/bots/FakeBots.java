package io.tradingbots.desktop.bots;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportBotResponse;
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
import io.tradingbots.desktop.InProcessEngine;
import io.tradingbots.desktop.engine.EngineClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An in-process BotService behind the token check, standing in for the engine until it
 * implements the service: bots with money, control as the proto describes it (shares may not
 * add up to more than 100%), events pushed by the test, and CSV exports in two chunks.
 */
final class FakeBots implements AutoCloseable {

    private final InProcessEngine server;
    private final Map<String, Bot> bots = new LinkedHashMap<>();
    private final List<StreamObserver<WatchBotEventsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger lists = new AtomicInteger();
    /** What GetBot answers as each bot's journal orders, newest first. */
    final Map<String, List<BotEvent>> recentOrders = new java.util.concurrent.ConcurrentHashMap<>();
    private long sequence;

    FakeBots() throws IOException {
        server = new InProcessEngine(new Service());
        add(bot("sma-core", "SMA core", "sma-cross", "BTC/USD", "5m", "50", "2400.5", "0.05", "5010.25", "10.25").toBuilder()
                .putParams("fast", "10").putParams("slow", "30").build());
        add(bot("scalp-eth", "ETH scalper", "scalp", "ETH/USD", "1m", "30", "3000", "0", "3000", "-12.5"));
    }

    static Bot bot(String id, String name, String strategy, String symbol, String timeframe, String allocation,
                   String cash, String position, String equity, String pnl) {
        return Bot.newBuilder().setId(id).setName(name).setStrategy(strategy).setSymbol(symbol).setTimeframe(timeframe)
                .setStatus(BotStatus.BOT_STATUS_RUNNING).setAllocationPercent(allocation).setCash(cash)
                .setPosition(position).setEquity(equity).setRealisedPnl(pnl).setLastPrice("52000").build();
    }

    synchronized void add(Bot bot) {
        bots.put(bot.getId(), bot);
    }

    synchronized Bot get(String id) {
        return bots.get(id);
    }

    /** "pause sma-core", "allocation sma-core 60", ...: every control call received, refused or not. */
    List<String> calls() {
        return calls;
    }

    /** ListBots calls answered. */
    int lists() {
        return lists.get();
    }

    int watchers() {
        return watchers.size();
    }

    synchronized void emit(BotEvent event) {
        for (StreamObserver<WatchBotEventsResponse> w : watchers) {
            w.onNext(WatchBotEventsResponse.newBuilder().setSequence(++sequence).setEvent(event).build());
        }
    }

    EngineClient client() {
        return server.client();
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized Bot change(String id, UnaryOperator<Bot> how) {
        Bot bot = bots.get(id);
        if (bot == null) {
            throw Status.NOT_FOUND.withDescription("no bot '" + id + "'").asRuntimeException();
        }
        Bot changed = how.apply(bot);
        bots.put(id, changed);
        return changed;
    }

    private static Bot status(Bot b, BotStatus status) {
        return b.toBuilder().setStatus(status).clearStatusReason().build();
    }

    private final class Service extends BotServiceGrpc.BotServiceImplBase {
        @Override
        public void listBots(ListBotsRequest request, StreamObserver<ListBotsResponse> response) {
            lists.incrementAndGet();
            synchronized (FakeBots.this) {
                response.onNext(ListBotsResponse.newBuilder().addAllBots(bots.values()).setCapital("10000")
                        .setUnallocatedPercent(BigDecimal.valueOf(100).subtract(allocated(null)).toPlainString()).build());
            }
            response.onCompleted();
        }

        @Override
        public void getBot(io.tradingbots.api.v1.GetBotRequest r, StreamObserver<io.tradingbots.api.v1.GetBotResponse> response) {
            Bot b;
            synchronized (FakeBots.this) {
                b = bots.get(r.getId());
            }
            if (b == null) {
                response.onError(io.grpc.Status.NOT_FOUND.withDescription("no bot '" + r.getId() + "'").asRuntimeException());
                return;
            }
            response.onNext(io.tradingbots.api.v1.GetBotResponse.newBuilder().setBot(b)
                    .addAllRecentOrders(recentOrders.getOrDefault(r.getId(), List.of())).build());
            response.onCompleted();
        }

        @Override
        public void startBot(StartBotRequest r, StreamObserver<StartBotResponse> response) {
            calls.add("start " + r.getId() + (r.getReason().equals("started from the desktop") ? "" : ": " + r.getReason()));
            response.onNext(StartBotResponse.newBuilder().setBot(change(r.getId(), b -> status(b, BotStatus.BOT_STATUS_RUNNING))).build());
            response.onCompleted();
        }

        @Override
        public void stopBot(StopBotRequest r, StreamObserver<StopBotResponse> response) {
            calls.add("stop " + r.getId() + (r.getFlatten() ? " flatten" : ""));
            response.onNext(StopBotResponse.newBuilder().setBot(change(r.getId(), b -> status(b, BotStatus.BOT_STATUS_STOPPED))).build());
            response.onCompleted();
        }

        @Override
        public void pauseBot(PauseBotRequest r, StreamObserver<PauseBotResponse> response) {
            calls.add("pause " + r.getId());
            response.onNext(PauseBotResponse.newBuilder().setBot(change(r.getId(), b -> status(b, BotStatus.BOT_STATUS_PAUSED))).build());
            response.onCompleted();
        }

        @Override
        public void setAllocation(SetAllocationRequest r, StreamObserver<SetAllocationResponse> response) {
            calls.add("allocation " + r.getId() + " " + r.getPercent());
            BigDecimal total;
            synchronized (FakeBots.this) {
                total = allocated(r.getId()).add(new BigDecimal(r.getPercent()));
            }
            if (total.compareTo(BigDecimal.valueOf(100)) > 0) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("shares would add up to " + total.toPlainString()
                        + "%, more than 100%").asRuntimeException());
                return;
            }
            Bot bot = change(r.getId(), b -> b.toBuilder().setAllocationPercent(r.getPercent()).build());
            response.onNext(SetAllocationResponse.newBuilder().setBot(bot).build());
            response.onCompleted();
        }

        @Override
        public void watchBotEvents(WatchBotEventsRequest request, StreamObserver<WatchBotEventsResponse> response) {
            watchers.add(response);
        }

        @Override
        public void exportBot(ExportBotRequest r, StreamObserver<ExportBotResponse> response) {
            if (get(r.getId()) == null) {
                response.onError(Status.NOT_FOUND.withDescription("no bot '" + r.getId() + "'").asRuntimeException());
                return;
            }
            response.onNext(ExportBotResponse.newBuilder().setCsvChunk("time,side,quantity,price\n2026-11-24T10:00:00Z,BUY,0.05,").build());
            response.onNext(ExportBotResponse.newBuilder().setCsvChunk("52000\n2026-11-24T11:00:00Z,SELL,0.05,52100\n").setRows(2).build());
            response.onCompleted();
        }

        /** Sum of every share but {@code except}'s. */
        private BigDecimal allocated(String except) {
            return bots.values().stream().filter(b -> !b.getId().equals(except))
                    .map(b -> new BigDecimal(b.getAllocationPercent())).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
