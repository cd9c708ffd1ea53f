package io.tradingbots.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingbots.desktop.engine.EngineSession;
import io.tradingbots.desktop.ssh.KnownHosts;
import io.tradingbots.desktop.ssh.SshErrors;
import io.tradingbots.desktop.ssh.SshFailure;
import io.tradingbots.desktop.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH side of the connection screen, without JavaFX or a server: the opener is a fake. */
class SshConnectionViewModelTest {

    private static final Executor NOW = Runnable::run;

    @TempDir
    Path dir;

    private final List<SshEngineConnector.Request> requests = new ArrayList<>();
    private final List<EngineSession> sessions = new ArrayList<>();
    private final List<SshFailure> failures = new ArrayList<>();
    private KnownHosts knownHosts;

    private ConnectionViewModel model() {
        knownHosts = new KnownHosts(dir.resolve("known_hosts"));
        ConnectionSettingsStore settings = new ConnectionSettingsStore(dir.resolve("desktop.properties"));
        SshEngineConnector.Opener opener = request -> {
            requests.add(request);
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return new EngineSession(null, null);
        };
        ConnectionViewModel model = new ConnectionViewModel(settings, ConnectionViewModel.profilesBeside(settings),
                (target, token) -> {
                    throw new AssertionError("not the local connector");
                }, opener, knownHosts, NOW, NOW, sessions::add);
        model.kindProperty().set(ConnectionProfile.Kind.SSH);
        return model;
    }

    private static PublicKey hostKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPublic();
    }

    private void fill(ConnectionViewModel model) {
        model.ssh().loginProperty().set("deploy@droplet:2222");
        model.ssh().keyFileProperty().set("/keys/id_ed25519");
        model.ssh().passphraseProperty().set("secret words");
        model.ssh().remoteDataDirProperty().set("/srv/trading-bots/data");
    }

    @Test
    void badFieldsAreNamedBeforeAnythingIsTried() {
        ConnectionViewModel model = model();
        model.ssh().loginProperty().set("droplet");
        model.connect();
        assertThat(model.errorProperty().get()).startsWith("bad SSH login: 'droplet' is not user@host[:port]");

        fill(model);
        model.ssh().remotePortProperty().set("engine");
        model.connect();
        assertThat(model.errorProperty().get()).startsWith("the engine port on the server must be a number");
        assertThat(requests).isEmpty();
    }

    @Test
    void theFormBecomesOneRequestAndTheProfileKeepsNoPassphrase() throws Exception {
        ConnectionViewModel model = model();
        fill(model);
        model.profileNameProperty().set("droplet");

        model.connect();

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(new SshTarget("deploy", "droplet", 2222));
            assertThat(r.keyFile()).isEqualTo(Path.of("/keys/id_ed25519"));
            assertThat(r.passphrase()).isEqualTo("secret words");
            assertThat(r.remotePort()).isEqualTo(50051);
            assertThat(r.token()).isEmpty();
            assertThat(r.toString()).doesNotContain("secret");
        });
        assertThat(sessions).hasSize(1);
        String saved = Files.readString(dir.resolve("profiles/droplet.profile"));
        assertThat(saved).contains("sshLogin=deploy@droplet\\:2222").doesNotContain("secret");

        ConnectionViewModel next = model();
        assertThat(next.profileNames()).containsExactly("droplet");
        next.loadProfile("droplet");
        assertThat(next.ssh().loginProperty().get()).isEqualTo("deploy@droplet:2222");
        assertThat(next.ssh().passphraseProperty().get()).isEmpty();
    }

    @Test
    void aTypedTokenIsSavedOnlyWhenAskedTo() throws Exception {
        ConnectionViewModel model = model();
        fill(model);
        model.profileNameProperty().set("p");
        model.tokenProperty().set("typed-token-0123456789");
        model.connect();
        assertThat(Files.readString(dir.resolve("profiles/p.profile"))).doesNotContain("typed-token");

        model.rememberTokenProperty().set(true);
        model.connect();
        assertThat(Files.readString(dir.resolve("profiles/p.profile"))).contains("token=typed-token-0123456789");
        assertThat(requests.get(1).token()).isPresent();
    }

    @Test
    void anUnknownHostKeyWaitsForTheUserAndIsAddedWhenAccepted() throws Exception {
        PublicKey key = hostKey();
        SshTarget target = new SshTarget("deploy", "droplet", 2222);
        failures.add(SshErrors.hostKeyUnknown(target, key, false));
        ConnectionViewModel model = model();
        fill(model);

        model.connect();

        assertThat(model.hostKeyPromptProperty().get()).contains(KnownHosts.fingerprint(key));
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(sessions).isEmpty();

        model.acceptHostKey();

        assertThat(knownHosts.check(target, key)).isEqualTo(KnownHosts.Verdict.KNOWN);
        assertThat(model.hostKeyPromptProperty().get()).isEmpty();
        assertThat(requests).hasSize(2);
        assertThat(sessions).hasSize(1);
    }

    @Test
    void aRejectedHostKeyIsNotWritten() throws Exception {
        failures.add(SshErrors.hostKeyUnknown(new SshTarget("deploy", "droplet", 2222), hostKey(), false));
        ConnectionViewModel model = model();
        fill(model);
        model.connect();

        model.rejectHostKey();

        assertThat(model.errorProperty().get()).isEqualTo("host key not accepted: not connected");
        assertThat(Files.exists(knownHosts.file())).isFalse();
    }

    @Test
    void otherFailuresAreShownAsTheyAre() throws Exception {
        SshTarget target = new SshTarget("deploy", "droplet", 2222);
        failures.add(SshErrors.hostKeyChanged(target, hostKey(), knownHosts == null ? "known_hosts" : knownHosts.file().toString()));
        failures.add(SshErrors.authFailed(target, null));
        ConnectionViewModel model = model();
        fill(model);

        model.connect();
        assertThat(model.errorProperty().get()).startsWith("WARNING: the host key of [droplet]:2222 has CHANGED");
        assertThat(model.hostKeyPromptProperty().get()).isEmpty();

        model.connect();
        assertThat(model.errorProperty().get()).startsWith("the server refused to log in deploy with this key");
        assertThat(model.busyProperty().get()).isFalse();
    }
}
