package io.tradingbots.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.desktop.engine.EngineException;
import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.shared.ApiToken;
import io.tradingbots.shared.HostPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs without the JavaFX toolkit: both executors run tasks at once, the connector is a fake. */
class ConnectionViewModelTest {

    private static final String TOKEN = "file-token-0123456789abcdef";
    private static final Executor NOW = Runnable::run;

    @TempDir
    Path dir;

    private final List<String> attempts = new ArrayList<>();
    private final List<EngineSession> sessions = new ArrayList<>();
    private EngineException failure;

    private ConnectionViewModel model() {
        ConnectionViewModel.Connector connector = (HostPort target, ApiToken token) -> {
            attempts.add(target + " " + token.reveal());
            if (failure != null) {
                throw failure;
            }
            return new EngineSession(null, null);
        };
        return new ConnectionViewModel(new ConnectionSettingsStore(dir.resolve("desktop.properties")), connector,
                NOW, NOW, sessions::add);
    }

    private Path tokenFile() throws Exception {
        return Files.writeString(dir.resolve("api-token"), TOKEN + "\n");
    }

    @Test
    void badHostTextIsExplainedAndNothingIsTried() {
        ConnectionViewModel model = model();
        model.hostProperty().set("localhost:abc");

        model.connect();

        assertThat(model.errorProperty().get()).isEqualTo("bad engine address: port 'abc' in 'localhost:abc' is not a number");
        assertThat(attempts).isEmpty();
    }

    @Test
    void aMissingTokenFileIsExplained() {
        ConnectionViewModel model = model();
        model.tokenFileProperty().set(dir.resolve("nope/api-token").toString());

        model.connect();

        assertThat(model.errorProperty().get()).startsWith("no API token file at " + dir.resolve("nope/api-token"));
        assertThat(attempts).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void noTokenAtAllIsExplained() {
        ConnectionViewModel model = model();
        model.tokenFileProperty().set("");

        model.connect();

        assertThat(model.errorProperty().get()).isEqualTo("enter the API token, or the path of the engine's api-token file");
    }

    @Test
    void connectsWithTheTokenFileAndRemembersHostAndFileButNoToken() throws Exception {
        ConnectionViewModel model = model();
        model.hostProperty().set("127.0.0.1:6001");
        model.tokenFileProperty().set(tokenFile().toString());

        model.connect();

        assertThat(attempts).containsExactly("127.0.0.1:6001 " + TOKEN);
        assertThat(sessions).hasSize(1);
        assertThat(model.errorProperty().get()).isEmpty();
        ConnectionViewModel next = model();
        assertThat(next.hostProperty().get()).isEqualTo("127.0.0.1:6001");
        assertThat(next.tokenFileProperty().get()).isEqualTo(tokenFile().toString());
        assertThat(next.tokenProperty().get()).isEmpty();
    }

    @Test
    void aTypedTokenWinsOverTheFile() throws Exception {
        ConnectionViewModel model = model();
        model.tokenFileProperty().set(tokenFile().toString());
        model.tokenProperty().set("typed-token-0123456789");

        model.connect();

        assertThat(attempts).containsExactly(ConnectionViewModel.DEFAULT_HOST + " typed-token-0123456789");
    }

    @Test
    void theEnginesRefusalIsShownAndTheFormStaysUsable() throws Exception {
        failure = new EngineException("the engine refused the token: copy <data-dir>/api-token again");
        ConnectionViewModel model = model();
        model.tokenFileProperty().set(tokenFile().toString());

        model.connect();

        assertThat(model.errorProperty().get()).startsWith("the engine refused the token");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(sessions).isEmpty();
    }
}
