package io.tradingbots.desktop.engine;

import static io.tradingbots.desktop.TestMessages.bot;
import static io.tradingbots.desktop.TestMessages.price;
import static io.tradingbots.desktop.TestMessages.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.tradingbots.api.v1.BotState;
import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.api.v1.WatchStateResponse;
import io.tradingbots.desktop.TestMessages;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineClientTest {

    private FakeEngine engine;

    @BeforeEach
    void startEngine() throws Exception {
        engine = new FakeEngine();
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void handshakeReturnsTheEngineInfo() throws Exception {
        try (EngineClient client = engine.client(FakeEngine.TOKEN)) {
            assertThat(client.handshake().getVersion()).isEqualTo("0.1.0-test");
        }
    }

    @Test
    void aWrongTokenIsReportedAsRefused() {
        try (EngineClient client = engine.client(ApiToken.of("wrong-token-0123456789"))) {
            assertThatThrownBy(client::handshake)
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("the engine refused the token: copy <data-dir>/api-token again");
        }
    }

    @Test
    void anEngineOfAnotherApiGenerationIsRefused() {
        engine.answerInfo(TestMessages.info().toBuilder().setApiVersion(2).build());
        try (EngineClient client = engine.client(FakeEngine.TOKEN)) {
            assertThatThrownBy(client::handshake)
                    .hasMessage("engine speaks API version 2, this client speaks 1: update the desktop client");
        }
    }

    @Test
    void nobodyListeningIsReportedAsNoEngine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EngineClient client = EngineClient.open(new HostPort("127.0.0.1", port), FakeEngine.TOKEN)) {
            assertThatThrownBy(client::handshake)
                    .hasMessage("no engine at 127.0.0.1:" + port + ": is it running? is the SSH tunnel up?");
        }
    }

    @Test
    void aBrokenStreamReconnectsAndTheNewSnapshotFollows() {
        BotState first = bot("b1", "alpha", "100");
        BotState second = bot("b2", "beta", "200");
        engine.streams(
                stream -> {
                    stream.onNext(snapshot(1, "100", new BotState[] {first}, price("BTC/USD", "1")));
                    stream.onError(Status.UNAVAILABLE.withDescription("engine restarting").asRuntimeException());
                },
                stream -> stream.onNext(snapshot(1, "200", new BotState[] {second}, price("BTC/USD", "2"))));
        Recorder recorder = new Recorder();

        try (EngineClient client = engine.client(FakeEngine.TOKEN)) {
            StateSource.Subscription subscription = client.watchState(recorder);
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.messages.size() == 2);

            assertThat(recorder.messages).extracting(m -> m.getBots(0).getId()).containsExactly("b1", "b2");
            assertThat(recorder.states()).startsWith(
                    ConnectionStatus.State.CONNECTING, ConnectionStatus.State.CONNECTED,
                    ConnectionStatus.State.RECONNECTING, ConnectionStatus.State.CONNECTED);
            assertThat(recorder.statuses.get(2).reason()).startsWith("lost the engine at fake:1: engine restarting");
            await("the engine info again after the reconnect").atMost(Duration.ofSeconds(5))
                    .until(() -> recorder.infos.size() == 1);
            subscription.close();
            assertThat(recorder.statuses.get(recorder.statuses.size() - 1)).isEqualTo(ConnectionStatus.DISCONNECTED);
        }
        assertThat(engine.watchCalls()).isEqualTo(2);
    }

    @Test
    void aStreamRefusedForItsTokenKeepsRetryingAndSaysWhy() {
        Recorder recorder = new Recorder();
        try (EngineClient client = engine.client(ApiToken.of("wrong-token-0123456789"))) {
            StateSource.Subscription subscription = client.watchState(recorder);
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.statuses.size() >= 3);
            subscription.close();
            assertThat(recorder.statuses.get(1).state()).isEqualTo(ConnectionStatus.State.RECONNECTING);
            assertThat(recorder.statuses.get(1).text()).contains("the engine refused the token").contains("next try in 1s");
        }
    }

    private static final class Recorder implements StateListener {
        final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        final List<WatchStateResponse> messages = new CopyOnWriteArrayList<>();
        final List<GetInfoResponse> infos = new CopyOnWriteArrayList<>();

        @Override
        public void onInfo(GetInfoResponse info) {
            infos.add(info);
        }

        @Override
        public void onStatus(ConnectionStatus status) {
            statuses.add(status);
        }

        @Override
        public void onState(WatchStateResponse message) {
            messages.add(message);
        }

        List<ConnectionStatus.State> states() {
            return statuses.stream().map(ConnectionStatus::state).toList();
        }
    }
}
