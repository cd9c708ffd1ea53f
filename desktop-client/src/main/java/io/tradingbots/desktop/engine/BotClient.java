package io.tradingbots.desktop.engine;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.tradingbots.api.v1.Bot;
import io.tradingbots.api.v1.BotEvent;
import io.tradingbots.api.v1.BotServiceGrpc;
import io.tradingbots.api.v1.ExportBotRequest;
import io.tradingbots.api.v1.ExportBotResponse;
import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.api.v1.GetBotChartRequest;
import io.tradingbots.api.v1.GetBotChartResponse;
import io.tradingbots.api.v1.ListBotsRequest;
import io.tradingbots.api.v1.ListBotsResponse;
import io.tradingbots.api.v1.PauseBotRequest;
import io.tradingbots.api.v1.SetAllocationRequest;
import io.tradingbots.api.v1.StartBotRequest;
import io.tradingbots.api.v1.StopBotRequest;
import io.tradingbots.api.v1.WatchBotEventsRequest;
import io.tradingbots.api.v1.WatchBotEventsResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The engine's bots: list, control, live events and CSV export. Unary calls block. */
public final class BotClient implements BotSource, BotChartSource {

    /** An export of years of fills may take a while; it only has to keep moving. */
    private static final long EXPORT_DEADLINE_SECONDS = 120;

    private final BotServiceGrpc.BotServiceBlockingStub blocking;
    private final BotServiceGrpc.BotServiceStub async;
    private final Runnable wakeChannel;
    private final String target;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Backoff> backoffs;

    BotClient(BotServiceGrpc.BotServiceBlockingStub blocking, BotServiceGrpc.BotServiceStub async, Runnable wakeChannel,
              String target, ScheduledExecutorService scheduler, Supplier<Backoff> backoffs) {
        this.blocking = blocking;
        this.async = async;
        this.wakeChannel = wakeChannel;
        this.target = target;
        this.scheduler = scheduler;
        this.backoffs = backoffs;
    }

    @Override
    public ListBotsResponse list() throws EngineException {
        try {
            return deadline().listBots(ListBotsRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public Bot start(String id, String reason) throws EngineException {
        try {
            return deadline().startBot(StartBotRequest.newBuilder().setId(id).setReason(reason).build()).getBot();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public Bot stop(String id, boolean flatten) throws EngineException {
        try {
            return deadline().stopBot(StopBotRequest.newBuilder().setId(id).setFlatten(flatten).build()).getBot();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public Bot pause(String id) throws EngineException {
        try {
            return deadline().pauseBot(PauseBotRequest.newBuilder().setId(id).build()).getBot();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public Bot setAllocation(String id, String percent) throws EngineException {
        try {
            return deadline().setAllocation(SetAllocationRequest.newBuilder().setId(id).setPercent(percent).build()).getBot();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public java.util.List<BotEvent> recentOrders(String id) throws EngineException {
        try {
            return deadline().getBot(io.tradingbots.api.v1.GetBotRequest.newBuilder().setId(id).build()).getRecentOrdersList();
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    /** Up to 50,000 candles with their lines: allowed longer than a plain call. */
    @Override
    public GetBotChartResponse chart(GetBotChartRequest request) throws EngineException {
        try {
            return blocking.withDeadlineAfter(EXPORT_DEADLINE_SECONDS, TimeUnit.SECONDS).getBotChart(request);
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        }
    }

    @Override
    public StateSource.Subscription watchEvents(StreamListener<BotEvent> listener) {
        StreamListener<WatchBotEventsResponse> unwrap = StreamListener.unwrapping(listener, WatchBotEventsResponse::getEvent);
        return new WatchStream<>("bot events", WatchBotEventsRequest.getDefaultInstance(), async::watchBotEvents, target,
                unwrap, wakeChannel, scheduler, backoffs.get()).start();
    }

    @Override
    public long export(String id, ExportKind kind, Writer out) throws EngineException, IOException {
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            Iterator<ExportBotResponse> chunks = blocking.withDeadlineAfter(EXPORT_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .exportBot(ExportBotRequest.newBuilder().setId(id).setKind(kind).build());
            long rows = 0;
            while (chunks.hasNext()) {
                ExportBotResponse chunk = chunks.next();
                out.write(chunk.getCsvChunk());
                rows += chunk.getRows();
            }
            return rows;
        } catch (StatusRuntimeException e) {
            throw EngineErrors.failure(e, target);
        } finally {
            context.detach(previous);
            context.cancel(null); // a write failure leaves the stream half read: end the call
        }
    }

    private BotServiceGrpc.BotServiceBlockingStub deadline() {
        return blocking.withDeadlineAfter(EngineClient.CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
