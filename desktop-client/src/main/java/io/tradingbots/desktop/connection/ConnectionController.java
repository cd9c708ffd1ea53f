package io.tradingbots.desktop.connection;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;

/** Binds the connection screen to its {@link ConnectionViewModel}. */
public final class ConnectionController {

    private final ConnectionViewModel model;

    @FXML private TextField hostField;
    @FXML private PasswordField tokenField;
    @FXML private TextField tokenFileField;
    @FXML private Button connectButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label progressLabel;
    @FXML private Label errorLabel;

    public ConnectionController(ConnectionViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        hostField.textProperty().bindBidirectional(model.hostProperty());
        tokenField.textProperty().bindBidirectional(model.tokenProperty());
        tokenFileField.textProperty().bindBidirectional(model.tokenFileProperty());
        tokenFileField.disableProperty().bind(tokenField.textProperty().isNotEmpty());
        connectButton.disableProperty().bind(model.busyProperty());
        busyIndicator.visibleProperty().bind(model.busyProperty());
        progressLabel.textProperty().bind(model.progressProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
    }

    @FXML
    private void onConnect() {
        model.connect();
    }
}
