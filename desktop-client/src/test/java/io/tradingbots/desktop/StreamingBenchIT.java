package io.tradingbots.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.BotEventKind;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.BotStatus;
import io.tradingbots.api.v1.EngineServiceGrpc;
import io.tradingbots.api.v1.GetInfoRequest;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.ListBotsRequest;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.api.v1.Portfolio;
import io.tradingbots.api.v1.PriceQuote;
import io.tradingbots.api.v1.WatchBotEventsRequest;
import io.tradingbots.api.v1.WatchBotEventsResponse;
import io.tradingbots.api.v1.WatchStateRequest;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.bots.BotsController;
import io.tradingbots.desktop.bots.BotsViewModel;
import io.tradingbots.desktop.dashboard.DashboardController;
import io.tradingbots.desktop.dashboard.DashboardViewModel;
import io.tradingbots.desktop.engine.EngineClient;
import io.tradingbots.desktop.support.FrameExecutor;
import io.tradingbots.shared.DaemonThreads;
import io.tradingbots.shared.HostPort;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard and Bots views under a stream of engine events, headless (Monocle, software
 * pipeline): a fake engine on 127.0.0.1 (the real proto over Netty) sends {@code tb.bench.eventsPerSecond}
 * WatchState deltas a second (default 1,000: one bot and one price each, the portfolio every
 * tenth) and a tenth as many bot events (a fill in ten), to the real client ({@link EngineClient})
 * and view models, both views shown side by side so every pulse lays out and renders them. A
 * warm-up of {@code tb.bench.warmupSeconds} (5) comes first.
 *
 * <p>It counts, per pulse, the UI update passes (tasks reaching the UI thread) and the deliveries
 * to each view: first for {@code tb.bench.baselineSeconds} (10) with {@code Platform::runLater}
 * as the views' executor (the wiring before {@link FrameExecutor}), then for {@code tb.bench.seconds}
 * (60) with the application's {@link FrameExecutor}, sampling the heap after a full GC every
 * {@code tb.bench.heapEverySeconds} (10). Run with -Dtb.bench=true; figures go to docs/benchmarks.md.
 */
class StreamingBenchIT {

    private static final int BOTS = 10;
    private static final String[] SYMBOLS = {"BTC/USD", "ETH/USD", "SOL/USD", "XRP/USD", "ADA/USD"};

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void benchUiUpdatesPerFrameAndHeapUnderAThousandEventsASecond() throws Exception {
        assumeTrue(Boolean.getBoolean("tb.bench"), "a benchmark: run with -Dtb.bench=true");
        int rate = Integer.getInteger("tb.bench.eventsPerSecond", 1_000);
        int baselineSeconds = Integer.getInteger("tb.bench.baselineSeconds", 10);
        int soakSeconds = Integer.getInteger("tb.bench.seconds", 60);
        int heapEvery = Integer.getInteger("tb.bench.heapEverySeconds", 10);
        int warmupSeconds = Integer.getInteger("tb.bench.warmupSeconds", 5);

        FakeStreamingEngine engine = new FakeStreamingEngine(rate);
        closing.add(engine);
        Stage stage = FxToolkit.registerPrimaryStage();
        PulseCounter counter = new PulseCounter();
        WaitForAsyncUtils.asyncFx(counter::start).get(5, TimeUnit.SECONDS);
        closing.add(() -> WaitForAsyncUtils.asyncFx(counter::stop).get(5, TimeUnit.SECONDS));
        long heapBefore = heapAfterGc();

        FrameExecutor frames = framesCountedBy(counter);
        Phase warmup = run(engine, stage, counter, "warm-up (FrameExecutor)", frames, warmupSeconds, 0);
        Phase baseline = run(engine, stage, counter, "Platform::runLater (before)", Platform::runLater, baselineSeconds, 0);
        Phase framed = run(engine, stage, counter, "FrameExecutor (now)", frames, soakSeconds, heapEvery);

        System.out.printf(Locale.ROOT, "streaming bench: heap after GC before the first stream %.1f MB, max heap %.0f MB%n",
                heapBefore / 1e6, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1e6);
        for (Phase p : List.of(warmup, baseline, framed)) {
            System.out.println("streaming bench: " + p.report());
        }
        assertThat(framed.eventsPerSecond()).as("events/s actually sent").isGreaterThanOrEqualTo(rate * 0.95);
        assertThat(framed.mostPassesPerPulse).as("UI update passes in one pulse").isLessThanOrEqualTo(1);
        assertThat(framed.mostDashboardPerPulse).as("dashboard updates in one pulse").isLessThanOrEqualTo(1);
        assertThat(framed.mostBotBatchesPerPulse).as("bots updates in one pulse").isLessThanOrEqualTo(1);
        assertThat(framed.heapEnd).as("heap after GC at the end, bytes").isLessThan(400L << 20);
    }

    /** Streams for {@code seconds} into fresh view models whose UI executor is {@code ui}, counting per pulse. */
    private Phase run(FakeStreamingEngine engine, Stage stage, PulseCounter counter, String name, Executor ui,
                      int seconds, int heapEvery) throws Exception {
        ExecutorService background = DaemonThreads.single("bench-bots");
        EngineClient client = EngineClient.open(new HostPort("127.0.0.1", engine.port()), InProcessEngine.TOKEN);
        DashboardViewModel dashboard = new DashboardViewModel(client.target(), client.handshake(), ZoneOffset.UTC);
        BotsViewModel bots = new BotsViewModel(client.bots(), background, counted(ui, counter, counter.botTasks),
                ZoneOffset.UTC);
        WaitForAsyncUtils.asyncFx(() -> {
            SplitPane both = new SplitPane(Views.load(new DashboardController(dashboard, () -> { })),
                    Views.load(new BotsController(bots)));
            Scene scene = new Scene(both, 1280, 800);
            scene.getStylesheets().setAll(Theme.DARK.stylesheets());
            stage.setScene(scene);
            stage.show();
        }).get(10, TimeUnit.SECONDS);
        dashboard.start(client, counted(ui, counter, counter.dashboardTasks));
        bots.start();
        await("the bots listed").atMost(Duration.ofSeconds(20)).until(() -> fx(() -> bots.rows().size()) == BOTS);
        WaitForAsyncUtils.asyncFx(() -> bots.selectedProperty().set(bots.rows().get(0))).get(5, TimeUnit.SECONDS);
        await("streaming").atMost(Duration.ofSeconds(20)).until(() -> !fx(() -> dashboard.lastUpdateProperty().get()).isEmpty());

        Phase phase = new Phase(name);
        WaitForAsyncUtils.asyncFx(counter::reset).get(5, TimeUnit.SECONDS);
        long sent0 = engine.sent();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long nextHeap = heapEvery > 0 ? start + TimeUnit.SECONDS.toNanos(heapEvery) : Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(end, nextHeap) - System.nanoTime()) / 1_000_000 + 1);
            if (System.nanoTime() >= nextHeap) {
                phase.heapSamples.add(heapAfterGc());
                nextHeap += TimeUnit.SECONDS.toNanos(heapEvery);
            }
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.events = engine.sent() - sent0;
        WaitForAsyncUtils.asyncFx(() -> counter.collect(phase)).get(5, TimeUnit.SECONDS);

        // Nothing lost: after the engine pauses, the dashboard shows its last message.
        engine.pause(true);
        long last = engine.lastSequence();
        await("the last update shown").atMost(Duration.ofSeconds(20))
                .until(() -> fx(() -> dashboard.lastUpdateProperty().get()).startsWith("update #" + last + " "));
        phase.heapEnd = heapAfterGc();
        dashboard.stop();
        bots.stop();
        client.close();
        background.shutdownNow();
        WaitForAsyncUtils.asyncFx(() -> stage.setScene(new Scene(new StackPane(), 100, 100)))
                .get(5, TimeUnit.SECONDS);
        engine.pause(false);
        return phase;
    }

    /** As {@link FrameExecutor#forJavaFx()}, with each frame counted as one pass. */
    private static FrameExecutor framesCountedBy(PulseCounter counter) {
        AnimationTimer[] timer = new AnimationTimer[1];
        FrameExecutor frames = new FrameExecutor(() -> Platform.runLater(() -> timer[0].start()));
        timer[0] = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!counter.frame(frames)) {
                    stop();
                }
            }
        };
        return frames;
    }

    /** Counts each task reaching the UI thread through {@code ui} for one view, in the pulse it runs in. */
    private static Executor counted(Executor ui, PulseCounter counter, int[] perPulse) {
        return task -> ui.execute(() -> {
            counter.task();
            perPulse[0]++;
            task.run();
        });
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    /**
     * The least heap in use of five readings, each right after a full GC, 50 ms apart. One reading
     * alone is unreliable while the stream runs: a GC requested while a thread holds a JNI critical
     * section (the software renderer's pixel uploads) may be put off, and the reading then counts
     * the garbage of the last frames.
     */
    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return least;
    }

    /**
     * An AnimationTimer started before any other (so it runs first in each pulse): closes the
     * previous pulse's counts. Everything here runs on the UI thread. A "pass" is one contiguous run
     * of counted tasks: with a FrameExecutor all of a pulse's tasks run in one pass; with runLater
     * every task is a pass of its own.
     */
    private static final class PulseCounter extends AnimationTimer {
        final int[] dashboardTasks = new int[1];
        final int[] botTasks = new int[1];
        private int passes;
        private long tasks;
        private boolean inFrame;
        private long pulses;
        private int mostPasses;
        private int mostDashboard;
        private int mostBots;
        private long totalPasses;
        private long totalDashboard;
        private long totalBots;
        private final long[] passHistogram = new long[5];

        @Override
        public void handle(long now) {
            mostPasses = Math.max(mostPasses, passes);
            mostDashboard = Math.max(mostDashboard, dashboardTasks[0]);
            mostBots = Math.max(mostBots, botTasks[0]);
            totalPasses += passes;
            totalDashboard += dashboardTasks[0];
            totalBots += botTasks[0];
            passHistogram[Math.min(passes, passHistogram.length - 1)]++;
            passes = 0;
            dashboardTasks[0] = 0;
            botTasks[0] = 0;
            pulses++;
        }

        /** A counted task runs: outside a frame (runLater) it is a pass of its own. */
        void task() {
            tasks++;
            if (!inFrame) {
                passes++;
            }
        }

        /** Runs one FrameExecutor frame as one pass (if it ran anything). */
        boolean frame(FrameExecutor frames) {
            long before = tasks;
            inFrame = true;
            try {
                return frames.runFrame();
            } finally {
                inFrame = false;
                if (tasks > before) {
                    passes++;
                }
            }
        }

        void reset() {
            passes = 0;
            dashboardTasks[0] = 0;
            botTasks[0] = 0;
            pulses = 0;
            mostPasses = mostDashboard = mostBots = 0;
            totalPasses = totalDashboard = totalBots = 0;
            Arrays.fill(passHistogram, 0);
        }

        void collect(Phase phase) {
            phase.pulses = pulses;
            phase.mostPassesPerPulse = mostPasses;
            phase.mostDashboardPerPulse = mostDashboard;
            phase.mostBotBatchesPerPulse = mostBots;
            phase.passes = totalPasses;
            phase.dashboardUpdates = totalDashboard;
            phase.botUpdates = totalBots;
            phase.passHistogram = passHistogram.clone();
        }

    }

    private static final class Phase {
        final String name;
        final List<Long> heapSamples = new ArrayList<>();
        double seconds;
        long events;
        long pulses;
        long passes;
        long dashboardUpdates;
        long botUpdates;
        int mostPassesPerPulse;
        int mostDashboardPerPulse;
        int mostBotBatchesPerPulse;
        long[] passHistogram;
        long heapEnd;

        Phase(String name) {
            this.name = name;
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        String report() {
            StringBuilder heap = new StringBuilder();
            heapSamples.forEach(h -> heap.append(String.format(Locale.ROOT, " %.1f", h / 1e6)));
            return String.format(Locale.ROOT, "%s: %.0f s, %d events (%.0f/s incl. bot events), %d pulses (%.1f/s);"
                            + " UI passes %d (%.2f/pulse, most in one pulse %d, pulses with 0/1/2/3/4+ passes %s);"
                            + " dashboard updates %d (most in one pulse %d), bots updates %d (most in one pulse %d);"
                            + " heap after GC every sample [MB]:%s; at the end %.1f MB",
                    name, seconds, events, eventsPerSecond(), pulses, pulses / seconds, passes,
                    pulses == 0 ? 0 : passes / (double) pulses, mostPassesPerPulse, Arrays.toString(passHistogram),
                    dashboardUpdates, mostDashboardPerPulse, botUpdates, mostBotBatchesPerPulse, heap, heapEnd / 1e6);
        }
    }

    /**
     * EngineService (GetInfo, WatchState) and BotService (ListBots, WatchBotEvents) on 127.0.0.1
     * behind the token check; one pacing thread sends to every watcher.
     */
    private static final class FakeStreamingEngine implements AutoCloseable {

        private final Server server;
        private final ScheduledExecutorService pacer = DaemonThreads.scheduler("bench-engine");
        private final List<StreamObserver<WatchStateResponse>> stateWatchers = new CopyOnWriteArrayList<>();
        private final List<StreamObserver<WatchBotEventsResponse>> eventWatchers = new CopyOnWriteArrayList<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicInteger paused = new AtomicInteger();
        private final int rate;
        private final long startNanos = System.nanoTime();
        private long due;

        FakeStreamingEngine(int rate) throws Exception {
            this.rate = rate;
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(new Engine(), new TokenCheck(InProcessEngine.TOKEN)))
                    .addService(ServerInterceptors.intercept(new Bots(), new TokenCheck(InProcessEngine.TOKEN)))
                    .build().start();
            pacer.scheduleAtFixedRate(this::tick, 2, 2, TimeUnit.MILLISECONDS);
        }

        int port() {
            return server.getPort();
        }

        long sent() {
            return sent.get();
        }

        long lastSequence() {
            return sequence.get();
        }

        /** While paused nothing is sent; returns after the tick in progress, if any. */
        void pause(boolean on) throws Exception {
            paused.set(on ? 1 : 0);
            pacer.submit(() -> { }).get(5, TimeUnit.SECONDS);
        }

        /** Sends what is due at {@code rate} a second since the start, so a late tick catches up. */
        private void tick() {
            long target = (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
            if (paused.get() == 1 || stateWatchers.isEmpty()) {
                due = target;
                return;
            }
            for (; due < target; due++) {
                long n = sequence.incrementAndGet();
                WatchStateResponse.Builder delta = WatchStateResponse.newBuilder().setSequence(n).setTime(now())
                        .addBots(botState((int) (n % BOTS), n))
                        .addPrices(price(SYMBOLS[(int) (n % SYMBOLS.length)], n));
                if (n % 10 == 0) {
                    delta.setPortfolio(Portfolio.newBuilder().setInitialCapital("10000")
                            .setEquity(money(10_000, n)).setCash("4000").setTodayPnl(money(0, n))
                            .setDrawdownPercent("1.5").setPeakEquity("10500"));
                }
                WatchStateResponse message = delta.build();
                stateWatchers.forEach(w -> send(w, message));
                sent.incrementAndGet();
                if (n % 10 == 0) {
                    BotEvent event = BotEvent.newBuilder().setTime(now()).setBotId(botId((int) (n / 10 % BOTS)))
                            .setKind(n % 100 == 0 ? BotEventKind.BOT_EVENT_KIND_FILL : BotEventKind.BOT_EVENT_KIND_SIGNAL)
                            .setText("event " + n).build();
                    WatchBotEventsResponse wrapped = WatchBotEventsResponse.newBuilder().setSequence(n / 10).setEvent(event).build();
                    eventWatchers.forEach(w -> send(w, wrapped));
                    sent.incrementAndGet();
                }
            }
        }

        private static <M> void send(StreamObserver<M> watcher, M message) {
            try {
                watcher.onNext(message);
            } catch (RuntimeException e) {
                // a cancelled watcher: removed when its call ends
            }
        }

        @Override
        public void close() throws Exception {
            pacer.shutdownNow();
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        private static Timestamp now() {
            long millis = System.currentTimeMillis();
            return Timestamp.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
        }

        private static String botId(int i) {
            return "bot-" + i;
        }

        private static String money(long base, long n) {
            return BigDecimal.valueOf(base * 100 + n % 10_000, 2).toPlainString();
        }

        private static BotState botState(int i, long n) {
            return BotState.newBuilder().setId(botId(i)).setName("Bot " + i).setStrategy("sma-cross(fast=10, slow=30)")
                    .setSymbol(SYMBOLS[i % SYMBOLS.length]).setTimeframe("1m").setStatus(BotStatus.BOT_STATUS_RUNNING)
                    .setAllocationPercent("10").setCash("400").setPosition("0.01").setEquity(money(1_000, n))
                    .setTodayPnl(money(0, n)).setTradeCount(n / 100).setLastSignal("HOLD").build();
        }

        private static PriceQuote price(String symbol, long n) {
            return PriceQuote.newBuilder().setSymbol(symbol).setPrice(money(50_000, n)).setChange24HPercent("1.5")
                    .setTime(now()).build();
        }

        private final class Engine extends EngineServiceGrpc.EngineServiceImplBase {
            @Override
            public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
                response.onNext(TestMessages.info());
                response.onCompleted();
            }

            @Override
            public void watchState(WatchStateRequest request, StreamObserver<WatchStateResponse> response) {
                WatchStateResponse.Builder snapshot = WatchStateResponse.newBuilder().setSequence(sequence.get())
                        .setSnapshot(true).setTime(now()).setPortfolio(TestMessages.portfolio("10000"))
                        .setHealth(TestMessages.health());
                for (int i = 0; i < BOTS; i++) {
                    snapshot.addBots(botState(i, 0));
                }
                for (String symbol : SYMBOLS) {
                    snapshot.addPrices(price(symbol, 0));
                }
                response.onNext(snapshot.build());
                stateWatchers.add(response);
                ((ServerCallStreamObserver<WatchStateResponse>) response)
                        .setOnCancelHandler(() -> stateWatchers.remove(response));
            }
        }

        private final class Bots extends BotServiceGrpc.BotServiceImplBase {
            @Override
            public void listBots(ListBotsRequest request, StreamObserver<ListBotsResponse> response) {
                ListBotsResponse.Builder list = ListBotsResponse.newBuilder().setCapital("10000").setUnallocatedPercent("0");
                for (int i = 0; i < BOTS; i++) {
                    list.addBots(Bot.newBuilder().setId(botId(i)).setName("Bot " + i).setStrategy("sma-cross")
                            .setSymbol(SYMBOLS[i % SYMBOLS.length]).setTimeframe("1m").setStatus(BotStatus.BOT_STATUS_RUNNING)
                            .setAllocationPercent("10").setCash("400").setPosition("0.01")
                            .setEquity(money(1_000, sequence.get())).setRealisedPnl("1.5").setLastPrice("50000"));
                }
                response.onNext(list.build());
                response.onCompleted();
            }

            @Override
            public void watchBotEvents(WatchBotEventsRequest request, StreamObserver<WatchBotEventsResponse> response) {
                eventWatchers.add(response);
                ((ServerCallStreamObserver<WatchBotEventsResponse>) response)
                        .setOnCancelHandler(() -> eventWatchers.remove(response));
            }
        }
    }
}
