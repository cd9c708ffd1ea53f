package io.tradingbots.desktop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.api.v1.WatchRiskRequest;
import io.tradingbots.api.v1.WatchRiskResponse;
import io.tradingbots.desktop.InProcessEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reconnecting stream behind the Risk and Bots views, against in-process services. */
class WatchStreamTest {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger unimplemented = new AtomicInteger();

    private final StreamListener<RiskState> listener = new StreamListener<>() {
        @Override
        public void onMessage(RiskState state) {
            messages.add(state.getEquity());
        }

        @Override
        public void onProblem(String problem) {
            problems.add(problem);
        }

        @Override
        public void onUnimplemented() {
            unimplemented.incrementAndGet();
        }
    };

    @Test
    void aBrokenStreamIsReopenedAndSaysSoMeanwhile() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RiskServiceGrpc.RiskServiceImplBase flaky = new RiskServiceGrpc.RiskServiceImplBase() {
            @Override
            public void watchRisk(WatchRiskRequest request, StreamObserver<WatchRiskResponse> response) {
                int call = calls.incrementAndGet();
                assertThat(request.getIntervalMs()).isEqualTo(RiskClient.WATCH_INTERVAL_MS);
                response.onNext(WatchRiskResponse.newBuilder().setState(RiskState.newBuilder().setEquity("call " + call)).build());
                if (call == 1) {
                    response.onError(Status.UNAVAILABLE.withDescription("engine restarting").asRuntimeException());
                }
            }
        };
        try (InProcessEngine server = new InProcessEngine(flaky); EngineClient client = server.client()) {
            StateSource.Subscription watch = client.risk().watchRisk(listener);

            await().atMost(Duration.ofSeconds(5)).until(() -> messages.size() == 2);
            assertThat(messages).containsExactly("call 1", "call 2");
            assertThat(problems).hasSize(3);
            assertThat(problems.get(0)).isEmpty();
            assertThat(problems.get(1)).startsWith("lost the engine at fake:1: engine restarting (next try in ");
            assertThat(problems.get(2)).as("live again").isEmpty();
            watch.close();
            watch.close();
            assertThat(calls.get()).isEqualTo(2);
            assertThat(unimplemented.get()).isZero();
        }
    }

    @Test
    void anEngineWithoutTheServiceIsToldOnceAndNotRetried() throws Exception {
        try (InProcessEngine server = new InProcessEngine(new RiskServiceGrpc.RiskServiceImplBase() { });
             EngineClient client = server.client()) {
            StateSource.Subscription watch = client.bots().watchEvents(new StreamListener<>() {
                @Override
                public void onMessage(io.tradingbots.api.v1.BotEvent event) {
                    messages.add(event.getText());
                }

                @Override
                public void onProblem(String problem) {
                    problems.add(problem);
                }

                @Override
                public void onUnimplemented() {
                    unimplemented.incrementAndGet();
                }
            });

            await().atMost(Duration.ofSeconds(5)).until(() -> unimplemented.get() == 1);
            Thread.sleep(200); // several backoff periods (20-80 ms): a retry would show as a problem
            assertThat(problems).isEmpty();
            assertThat(unimplemented.get()).isEqualTo(1);
            watch.close();
        }
    }
}
