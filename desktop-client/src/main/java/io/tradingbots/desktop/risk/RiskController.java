package io.tradingbots.desktop.risk;

import static io.tradingbots.desktop.support.Tables.column;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Binds the Risk view to its {@link RiskViewModel}; shows the halt/resume reason dialogs and the limits confirmation. */
public final class RiskController {

    /** Confirms a halt; Cancel is the dialog's default. */
    public static final ButtonType HALT = new ButtonType("Halt trading", ButtonBar.ButtonData.OK_DONE);
    /** Confirms a resume; Cancel is the dialog's default. */
    public static final ButtonType RESUME = new ButtonType("Resume trading", ButtonBar.ButtonData.OK_DONE);
    /** Confirms raised limits. */
    public static final ButtonType RAISE = new ButtonType("Raise limits", ButtonBar.ButtonData.OK_DONE);

    private static final PseudoClass HALTED = PseudoClass.getPseudoClass("halted");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final RiskViewModel model;

    @FXML private Label haltState;
    @FXML private Label haltReason;
    @FXML private Button haltButton;
    @FXML private Button resumeButton;
    @FXML private Label streamProblem;
    @FXML private Label riskMessage;
    @FXML private Label entriesBlocked;
    @FXML private Label equityLabel;
    @FXML private Label dayStartLabel;
    @FXML private Label dailyPnlLabel;
    @FXML private Label exposureLabel;
    @FXML private ProgressBar limitGauge;
    @FXML private Label limitUsedLabel;
    @FXML private TableView<ExposureRow> exposureTable;
    @FXML private TableColumn<ExposureRow, String> scopeColumn;
    @FXML private TableColumn<ExposureRow, String> nameColumn;
    @FXML private TableColumn<ExposureRow, String> exposureColumn;
    @FXML private TableColumn<ExposureRow, String> drawdownColumn;
    @FXML private TableView<RegimeRow> regimeTable;
    @FXML private TableColumn<RegimeRow, String> symbolColumn;
    @FXML private TableColumn<RegimeRow, String> regimeColumn;
    @FXML private TableColumn<RegimeRow, String> adxColumn;
    @FXML private TableColumn<RegimeRow, String> volatilityColumn;
    @FXML private TableColumn<RegimeRow, String> sinceColumn;
    @FXML private TableView<LimitChangeRow> changesTable;
    @FXML private TableColumn<LimitChangeRow, String> changeTimeColumn;
    @FXML private TableColumn<LimitChangeRow, String> changeByColumn;
    @FXML private TableColumn<LimitChangeRow, String> changeLimitColumn;
    @FXML private TableColumn<LimitChangeRow, String> changeValueColumn;
    @FXML private GridPane limitsGrid;

    public RiskController(RiskViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        haltState.textProperty().bind(model.tradingStateProperty());
        haltState.visibleProperty().bind(model.tradingStateProperty().isNotEmpty());
        haltState.pseudoClassStateChanged(HALTED, model.haltedProperty().get());
        model.haltedProperty().addListener((o, was, now) -> haltState.pseudoClassStateChanged(HALTED, now));
        haltReason.textProperty().bind(model.haltReasonProperty());
        haltButton.disableProperty().bind(model.haltedProperty().or(model.tradingStateProperty().isEmpty()));
        resumeButton.disableProperty().bind(model.haltedProperty().not());
        showWhenSet(streamProblem, model.streamProblemProperty());
        showWhenSet(riskMessage, model.messageProperty());
        showWhenSet(entriesBlocked, model.entriesBlockedProperty());
        equityLabel.textProperty().bind(model.equityProperty());
        dayStartLabel.textProperty().bind(model.dayStartEquityProperty());
        dailyPnlLabel.textProperty().bind(model.dailyPnlProperty());
        showLosing(model.losingProperty().get());
        model.losingProperty().addListener((o, was, now) -> showLosing(now));
        exposureLabel.textProperty().bind(model.totalExposureProperty());
        limitGauge.progressProperty().bind(model.limitUsedProperty());
        showGauge(model.limitUsedProperty().get());
        model.limitUsedProperty().addListener((o, was, now) -> showGauge(now.doubleValue()));
        limitUsedLabel.textProperty().bind(model.limitUsedTextProperty());

        exposureTable.setItems(model.exposures());
        column(scopeColumn, ExposureRow::scope);
        column(nameColumn, ExposureRow::name);
        column(exposureColumn, ExposureRow::exposure);
        column(drawdownColumn, ExposureRow::drawdown);
        regimeTable.setItems(model.regimes());
        changesTable.setItems(model.limitChanges());
        column(changeTimeColumn, LimitChangeRow::time);
        column(changeByColumn, LimitChangeRow::by);
        column(changeLimitColumn, LimitChangeRow::limit);
        column(changeValueColumn, LimitChangeRow::change);
        column(symbolColumn, RegimeRow::symbol);
        column(regimeColumn, RegimeRow::regime);
        column(adxColumn, RegimeRow::adx);
        column(volatilityColumn, RegimeRow::volatility);
        column(sinceColumn, RegimeRow::since);

        int row = 0;
        for (RiskLimitField f : RiskLimitField.values()) {
            Label label = new Label(f.label());
            label.getStyleClass().add("limit-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            TextField field = new TextField();
            field.setId(f.fieldId());
            field.setPrefColumnCount(8);
            field.textProperty().bindBidirectional(model.limitProperty(f));
            Label unit = new Label(f.unit());
            unit.getStyleClass().add("unit");
            limitsGrid.addRow(row++, label, field, unit);
        }
        model.pendingLimitsProperty().addListener((o, was, text) -> {
            if (!text.isEmpty()) {
                confirmLimits(text);
            }
        });
    }

    private void showLosing(boolean losing) {
        dailyPnlLabel.getStyleClass().remove("negative");
        if (losing) {
            dailyPnlLabel.getStyleClass().add("negative");
        }
    }

    /** Orange from 60% of the daily limit, red from 85%. */
    private void showGauge(double used) {
        limitGauge.pseudoClassStateChanged(WARNING, used >= 0.6 && used < 0.85);
        limitGauge.pseudoClassStateChanged(DANGER, used >= 0.85);
    }

    private static void showWhenSet(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    @FXML
    private void onHalt() {
        CheckBox flatten = new CheckBox("Also close every open position at the market (flatten)");
        flatten.setId("flattenBox");
        reasonDialog("haltDialog", "Halt trading", "Halt all trading?", model.haltConsequences(), HALT, flatten,
                reason -> model.halt(reason, flatten.isSelected()));
    }

    @FXML
    private void onResume() {
        reasonDialog("resumeDialog", "Resume trading", "Resume trading?", model.resumeConsequences(), RESUME, null,
                model::resume);
    }

    /**
     * A dialog that says what will happen and asks why: the confirming button stays disabled
     * while the reason is blank, and Cancel is the default.
     */
    private void reasonDialog(String id, String title, String header, String consequences, ButtonType confirm,
                              CheckBox option, Consumer<String> onConfirm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(haltButton.getScene().getWindow());
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, confirm);
        Label text = new Label(consequences);
        text.setWrapText(true);
        text.setMaxWidth(460);
        TextField reason = new TextField();
        reason.setId("reasonField");
        reason.setPromptText("Reason (required), e.g. exchange maintenance");
        VBox content = new VBox(10, text, new Label("Reason"), reason);
        if (option != null) {
            content.getChildren().add(option);
        }
        dialog.getDialogPane().setContent(content);
        Button ok = (Button) dialog.getDialogPane().lookupButton(confirm);
        ok.setDefaultButton(false);
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> reason.getText().isBlank(), reason.textProperty()));
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == confirm) {
                onConfirm.accept(reason.getText());
            }
        });
        dialog.show();
        reason.requestFocus();
    }

    private void confirmLimits(String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, RAISE);
        alert.initOwner(haltButton.getScene().getWindow());
        alert.setTitle("Raise limits");
        alert.setHeaderText("Raise risk limits?");
        alert.getDialogPane().setId("limitsDialog");
        ((Button) alert.getDialogPane().lookupButton(RAISE)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == RAISE) {
                model.confirmLimits();
            } else {
                model.cancelLimits();
            }
        });
        alert.show();
    }

    @FXML
    private void onApplyLimits() {
        model.requestApplyLimits();
    }

    @FXML
    private void onReloadLimits() {
        model.reloadLimits();
    }
}
