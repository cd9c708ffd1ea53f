package io.tradingbots.desktop.deployment;

import static io.tradingbots.desktop.support.Tables.column;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Binds the Deployment view to its {@link DeploymentViewModel} and shows its rollback confirmation. */
public final class DeploymentController {

    /** The confirming button; Cancel is the dialog's default. */
    public static final ButtonType ROLL_BACK = new ButtonType("Roll back", ButtonBar.ButtonData.OK_DONE);

    private static final PseudoClass UNMANAGED = PseudoClass.getPseudoClass("unmanaged");

    private final DeploymentViewModel model;

    @FXML private Label runningVersion;
    @FXML private Label currentVersion;
    @FXML private Label supervision;
    @FXML private Label deploymentMessage;
    @FXML private Button rollbackButton;
    @FXML private TableView<ReleaseRow> releasesTable;
    @FXML private TableColumn<ReleaseRow, String> versionColumn;
    @FXML private TableColumn<ReleaseRow, String> commitColumn;
    @FXML private TableColumn<ReleaseRow, String> installedColumn;
    @FXML private TableColumn<ReleaseRow, String> currentColumn;
    @FXML private TableView<DeploymentEventRow> historyTable;
    @FXML private TableColumn<DeploymentEventRow, String> timeColumn;
    @FXML private TableColumn<DeploymentEventRow, String> actorColumn;
    @FXML private TableColumn<DeploymentEventRow, String> actionColumn;
    @FXML private TableColumn<DeploymentEventRow, String> changeColumn;
    @FXML private TableColumn<DeploymentEventRow, String> resultColumn;

    public DeploymentController(DeploymentViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        releasesTable.setItems(model.releases());
        column(versionColumn, ReleaseRow::version);
        column(commitColumn, ReleaseRow::commit);
        column(installedColumn, ReleaseRow::installedAt);
        column(currentColumn, ReleaseRow::marker);
        releasesTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> model.selectedProperty().set(row));
        model.selectedProperty().addListener((o, was, row) -> releasesTable.getSelectionModel().select(row));

        historyTable.setItems(model.history());
        column(timeColumn, DeploymentEventRow::time);
        column(actorColumn, DeploymentEventRow::actor);
        column(actionColumn, DeploymentEventRow::action);
        column(changeColumn, DeploymentEventRow::change);
        column(resultColumn, DeploymentEventRow::result);

        runningVersion.textProperty().bind(model.runningVersionProperty());
        currentVersion.textProperty().bind(model.currentVersionProperty());
        supervision.textProperty().bind(model.supervisionProperty());
        supervision.pseudoClassStateChanged(UNMANAGED, !model.managedProperty().get());
        model.managedProperty().addListener((o, was, now) -> supervision.pseudoClassStateChanged(UNMANAGED, !now));
        rollbackButton.disableProperty().bind(model.rollbackAllowedBinding().not());
        deploymentMessage.textProperty().bind(model.messageProperty());
        deploymentMessage.visibleProperty().bind(model.messageProperty().isNotEmpty());
        deploymentMessage.managedProperty().bind(deploymentMessage.visibleProperty());
        model.pendingConfirmationProperty().addListener((o, was, text) -> {
            if (!text.isEmpty()) {
                confirm(text);
            }
        });
    }

    /** A confirmation dialog with Cancel as the default button; only "Roll back" confirms. */
    private void confirm(String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ROLL_BACK);
        alert.initOwner(rollbackButton.getScene().getWindow());
        alert.setTitle("Roll back");
        alert.setHeaderText("Roll back to " + model.selectedProperty().get().version() + "?");
        alert.getDialogPane().setId("rollbackDialog");
        ((Button) alert.getDialogPane().lookupButton(ROLL_BACK)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == ROLL_BACK) {
                model.confirm();
            } else {
                model.cancel();
            }
        });
        alert.show();
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onRollback() {
        model.requestRollback();
    }
}
