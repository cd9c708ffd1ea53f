package io.tradingbots.desktop.connection;

import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Binds the connection screen to its {@link ConnectionViewModel}. */
public final class ConnectionController {

    private static final String LOCAL_HINT = "The token is in the engine's data directory (api-token).";
    private static final String SSH_HINT = "The server's host key is checked against ~/.ssh/known_hosts. The token is "
            + "read from <data directory>/api-token on the server unless you paste it.";

    private final ConnectionViewModel model;

    @FXML private ComboBox<String> profileBox;
    @FXML private Button saveProfileButton;
    @FXML private Button deleteProfileButton;
    @FXML private RadioButton localChoice;
    @FXML private RadioButton sshChoice;
    @FXML private GridPane localGrid;
    @FXML private GridPane sshGrid;
    @FXML private TextField hostField;
    @FXML private PasswordField tokenField;
    @FXML private CheckBox rememberTokenBox;
    @FXML private TextField tokenFileField;
    @FXML private TextField sshLoginField;
    @FXML private TextField keyFileField;
    @FXML private PasswordField passphraseField;
    @FXML private TextField remotePortField;
    @FXML private TextField remoteDataDirField;
    @FXML private VBox hostKeyBox;
    @FXML private Label hostKeyLabel;
    @FXML private Button connectButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label progressLabel;
    @FXML private Label errorLabel;
    @FXML private Label hintLabel;

    public ConnectionController(ConnectionViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        profileBox.setItems(model.profileNames());
        profileBox.getEditor().textProperty().bindBidirectional(model.profileNameProperty());
        profileBox.setOnAction(e -> {
            String chosen = profileBox.getValue();
            if (chosen != null && model.profileNames().contains(chosen)) {
                model.loadProfile(chosen);
            }
        });
        deleteProfileButton.disableProperty().bind(model.profileNameProperty().isEmpty());
        saveProfileButton.disableProperty().bind(model.profileNameProperty().isEmpty());

        boolean ssh = model.kindProperty().get() == ConnectionProfile.Kind.SSH;
        (ssh ? sshChoice : localChoice).setSelected(true);
        sshChoice.selectedProperty().addListener((obs, was, now) ->
                model.kindProperty().set(now ? ConnectionProfile.Kind.SSH : ConnectionProfile.Kind.LOCAL));
        model.kindProperty().addListener((obs, was, now) ->
                (now == ConnectionProfile.Kind.SSH ? sshChoice : localChoice).setSelected(true));
        show(sshGrid, sshChoice.selectedProperty());
        show(localGrid, localChoice.selectedProperty());
        hintLabel.textProperty().bind(sshChoice.selectedProperty().map(s -> s ? SSH_HINT : LOCAL_HINT));

        hostField.textProperty().bindBidirectional(model.hostProperty());
        tokenField.textProperty().bindBidirectional(model.tokenProperty());
        rememberTokenBox.selectedProperty().bindBidirectional(model.rememberTokenProperty());
        rememberTokenBox.disableProperty().bind(tokenField.textProperty().isEmpty());
        tokenFileField.textProperty().bindBidirectional(model.tokenFileProperty());
        tokenFileField.disableProperty().bind(tokenField.textProperty().isNotEmpty());
        SshForm form = model.ssh();
        sshLoginField.textProperty().bindBidirectional(form.loginProperty());
        keyFileField.textProperty().bindBidirectional(form.keyFileProperty());
        passphraseField.textProperty().bindBidirectional(form.passphraseProperty());
        remotePortField.textProperty().bindBidirectional(form.remotePortProperty());
        remoteDataDirField.textProperty().bindBidirectional(form.remoteDataDirProperty());

        hostKeyLabel.textProperty().bind(model.hostKeyPromptProperty());
        show(hostKeyBox, model.hostKeyPromptProperty().isNotEmpty());
        connectButton.disableProperty().bind(model.busyProperty().or(model.hostKeyPromptProperty().isNotEmpty()));
        busyIndicator.visibleProperty().bind(model.busyProperty());
        progressLabel.textProperty().bind(model.progressProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
    }

    private static void show(Node node, javafx.beans.value.ObservableValue<Boolean> when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    @FXML
    private void onConnect() {
        model.connect();
    }

    @FXML
    private void onSaveProfile() {
        model.saveProfile();
    }

    @FXML
    private void onDeleteProfile() {
        model.deleteProfile();
    }

    @FXML
    private void onAcceptHostKey() {
        model.acceptHostKey();
    }

    @FXML
    private void onRejectHostKey() {
        model.rejectHostKey();
    }
}
