package io.tradingbots.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.GetBotRequest;
import io.tradingbots.api.v1.ListBotsRequest;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.api.v1.PauseBotRequest;
import io.tradingbots.api.v1.SetAllocationRequest;
import io.tradingbots.api.v1.StartBotRequest;
import io.tradingbots.api.v1.StopBotRequest;
import io.tradingbots.api.v1.WatchBotEventsRequest;
import io.tradingbots.api.v1.WatchBotEventsResponse;
import io.tradingbots.engine.bot.RuntimeAccess;
import io.tradingbots.engine.db.Database;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.BearerAuth;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BotService behind the engine's authentication and error mapping, on a runtime driven with seeded candles. */
class BotApiTest {

    private static final ApiToken TOKEN = ApiToken.of("test-token-0123456789abcdef");

    private Database db;
    private RuntimeAccess rt;
    private ApiServer server;
    private ManagedChannel channel;
    private ExecutorService streams;
    private BotServiceGrpc.BotServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        db = Database.inMemory("bot-api-" + System.nanoTime());
        rt = RuntimeAccess.start(db, RuntimeAccess.fastPlan());
        streams = Executors.newFixedThreadPool(2);
        String name = InProcessServerBuilder.generateName();
        server = new ApiServer(InProcessServerBuilder.forName(name), TOKEN,
                List.of(new GrpcBotService(rt::runner, rt.events(), streams))).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = BotServiceGrpc.newBlockingStub(channel).withCallCredentials(new BearerAuth(TOKEN));
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
        streams.shutdownNow();
        rt.close();
        db.close();
    }

    @Test
    void listGetAndControlTheBots() {
        ListBotsResponse list = stub.listBots(ListBotsRequest.getDefaultInstance());
        assertThat(list.getBotsList()).extracting(b -> b.getId()).containsExactly("sma-core", "scalp", "momentum", "arbitrage", "hedge");
        assertThat(list.getCapital()).isEqualTo("1000");
        assertThat(list.getUnallocatedPercent()).isEqualTo("0");
        assertThat(list.getBots(0).getAllocatedCapital()).isEqualTo("300");
        assertThat(list.getBots(0).getCash()).isEqualTo("300");
        assertThat(list.getBots(0).getParamsMap()).containsEntry("fast", "5").containsEntry("slow", "20");

        assertThat(stub.pauseBot(PauseBotRequest.newBuilder().setId("scalp").build()).getBot().getStatus())
                .isEqualTo(BotStatus.BOT_STATUS_PAUSED);
        assertThat(stub.stopBot(StopBotRequest.newBuilder().setId("scalp").build()).getBot().getStatus())
                .isEqualTo(BotStatus.BOT_STATUS_STOPPED);
        assertThat(stub.startBot(StartBotRequest.newBuilder().setId("scalp").setReason("test").build()).getBot().getStatusReason())
                .contains("waiting for");
        var moved = stub.setAllocation(SetAllocationRequest.newBuilder().setId("momentum").setPercent("20").build());
        assertThat(moved.getBot().getAllocatedCapital()).isEqualTo("200");
        assertThat(moved.getUnallocatedPercent()).isEqualTo("5");
    }

    @Test
    void badRequestsSayWhy() {
        assertThatThrownBy(() -> stub.getBot(GetBotRequest.newBuilder().setId("nope").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("no bot 'nope'");
                });
        assertThatThrownBy(() -> stub.setAllocation(SetAllocationRequest.newBuilder().setId("hedge").setPercent("6").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("add up to 101%");
                });
        assertThatThrownBy(() -> stub.setAllocation(SetAllocationRequest.newBuilder().setId("hedge").setPercent("lots").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        var noToken = BotServiceGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> noToken.listBots(ListBotsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void eventsStreamAsTheBotsTradeAndExportsMatchTheJournal() {
        List<WatchBotEventsResponse> got = new CopyOnWriteArrayList<>();
        BotServiceGrpc.newStub(channel).withCallCredentials(new BearerAuth(TOKEN))
                .watchBotEvents(WatchBotEventsRequest.newBuilder().setBotId("sma-core").build(), new StreamObserver<>() {
                    public void onNext(WatchBotEventsResponse r) { got.add(r); }
                    public void onError(Throwable t) { }
                    public void onCompleted() { }
                });
        await().atMost(Duration.ofSeconds(5)).until(() -> rt.events().listenerCount() == 1);
        rt.drive(1_440);
        long fills = rt.fills("sma-core");
        assertThat(fills).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().filter(r -> r.getEvent().getKind() == BotEventKind.BOT_EVENT_KIND_FILL).count() == fills);
        assertThat(got).allSatisfy(r -> assertThat(r.getEvent().getBotId()).isEqualTo("sma-core"));
        assertThat(got).extracting(WatchBotEventsResponse::getSequence).isSorted();

        String trades = export("sma-core", ExportKind.EXPORT_KIND_TRADES);
        assertThat(trades.lines().findFirst().orElseThrow()).startsWith("time,client_order_id,trade_id,side");
        assertThat(trades.lines().count() - 1).isEqualTo(fills);
        String orders = export("sma-core", ExportKind.EXPORT_KIND_ORDERS);
        assertThat(orders.lines().count() - 1).isEqualTo(rt.orders("sma-core"));
        // GetBot carries the journal's latest orders, newest first, the same words as the live ORDER events
        List<io.tradingbots.api.v1.BotEvent> recent = stub.getBot(GetBotRequest.newBuilder().setId("sma-core").build()).getRecentOrdersList();
        assertThat(recent).hasSize((int) Math.min(50, rt.orders("sma-core")));
        assertThat(recent).allSatisfy(e -> {
            assertThat(e.getKind()).isEqualTo(BotEventKind.BOT_EVENT_KIND_ORDER);
            assertThat(e.getText()).matches("(BUY|SELL) [0-9.]+ BTC/USD MARKET: FILLED [0-9.]+ at [0-9.]+");
        });
        assertThat(recent).extracting(e -> e.getTime().getSeconds()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        String lastFill = got.stream().filter(r -> r.getEvent().getKind() == BotEventKind.BOT_EVENT_KIND_FILL)
                .reduce((a, b) -> b).orElseThrow().getEvent().getClientOrderId();
        assertThat(recent.get(0).getClientOrderId()).isEqualTo(lastFill);
        String equity = export("sma-core", ExportKind.EXPORT_KIND_EQUITY);
        List<String> points = equity.lines().skip(1).toList();
        assertThat(points).hasSizeBetween(2, 1_440); // a point at each 1m close where the bot held something or its cash changed
        for (String p : points) {
            String[] f = p.split(",");
            assertThat(new java.math.BigDecimal(f[4])).isEqualByComparingTo(
                    new java.math.BigDecimal(f[2]).add(new java.math.BigDecimal(f[3]).multiply(new java.math.BigDecimal(f[1]))));
        }
    }

    private String export(String id, ExportKind kind) {
        StringBuilder b = new StringBuilder();
        stub.exportBot(ExportBotRequest.newBuilder().setId(id).setKind(kind).build()).forEachRemaining(r -> b.append(r.getCsvChunk()));
        return b.toString();
    }
}
