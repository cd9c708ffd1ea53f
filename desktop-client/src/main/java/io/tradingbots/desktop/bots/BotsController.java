package io.tradingbots.desktop.bots;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.numericColumn;

import io.tradingbots.api.v1.ExportKind;
import io.tradingbots.desktop.support.Formats;
import io.tradingbots.desktop.support.Tables;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Binds the Bots view to its {@link BotsViewModel}; asks before Stop and for the export file. */
public final class BotsController {

    /** Stop, keeping the position. */
    public static final ButtonType STOP = new ButtonType("Stop", ButtonBar.ButtonData.OK_DONE);
    /** Stop and sell the position at the market. */
    public static final ButtonType STOP_AND_SELL = new ButtonType("Stop and sell", ButtonBar.ButtonData.OTHER);

    private final BotsViewModel model;

    @FXML private Label unavailableLabel;
    @FXML private VBox content;
    @FXML private TextField filterField;
    @FXML private Label summaryLabel;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button stopButton;
    @FXML private TextField allocationField;
    @FXML private Button allocationButton;
    @FXML private ComboBox<ExportKind> exportKind;
    @FXML private Button exportButton;
    @FXML private Label botsMessage;
    @FXML private Label streamProblem;
    @FXML private TableView<BotLine> botsTable;
    @FXML private TableColumn<BotLine, String> nameColumn;
    @FXML private TableColumn<BotLine, String> statusColumn;
    @FXML private TableColumn<BotLine, String> strategyColumn;
    @FXML private TableColumn<BotLine, String> marketColumn;
    @FXML private TableColumn<BotLine, String> allocationColumn;
    @FXML private TableColumn<BotLine, String> cashColumn;
    @FXML private TableColumn<BotLine, String> positionColumn;
    @FXML private TableColumn<BotLine, String> equityColumn;
    @FXML private TableColumn<BotLine, String> pnlColumn;
    @FXML private Label eventsTitle;
    @FXML private TableView<BotEventRow> eventsTable;
    @FXML private TableColumn<BotEventRow, String> eventTimeColumn;
    @FXML private TableColumn<BotEventRow, String> eventKindColumn;
    @FXML private TableColumn<BotEventRow, String> eventTextColumn;

    public BotsController(BotsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        unavailableLabel.setText(BotsViewModel.UNAVAILABLE);
        unavailableLabel.visibleProperty().bind(model.unavailableProperty());
        unavailableLabel.managedProperty().bind(unavailableLabel.visibleProperty());
        content.visibleProperty().bind(model.unavailableProperty().not());
        content.managedProperty().bind(content.visibleProperty());

        filterField.textProperty().bindBidirectional(model.filterProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        Tables.sortable(botsTable, model.rows());
        column(nameColumn, BotLine::name);
        column(statusColumn, BotLine::statusText);
        column(strategyColumn, BotLine::strategy);
        column(marketColumn, BotLine::market);
        numericColumn(allocationColumn, BotLine::allocation);
        numericColumn(cashColumn, BotLine::cash);
        numericColumn(positionColumn, BotLine::position);
        numericColumn(equityColumn, BotLine::equity);
        numericColumn(pnlColumn, BotLine::pnl);
        botsTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null || !botsTable.getItems().contains(model.selectedProperty().get())) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((o, was, row) -> {
            if (row != botsTable.getSelectionModel().getSelectedItem()) {
                botsTable.getSelectionModel().select(row);
            }
            eventsTitle.setText(row == null ? "Recent events" : "Recent events of " + row.name());
        });

        eventsTable.setItems(model.selectedEvents());
        column(eventTimeColumn, BotEventRow::time);
        column(eventKindColumn, BotEventRow::kind);
        column(eventTextColumn, BotEventRow::text);

        startButton.disableProperty().bind(model.canStartBinding().not());
        pauseButton.disableProperty().bind(model.canPauseBinding().not());
        stopButton.disableProperty().bind(model.canStopBinding().not());
        allocationField.textProperty().bindBidirectional(model.allocationProperty());
        allocationField.disableProperty().bind(model.selectedProperty().isNull());
        allocationButton.disableProperty().bind(model.selectedProperty().isNull());
        exportKind.getItems().setAll(ExportKind.EXPORT_KIND_TRADES, ExportKind.EXPORT_KIND_ORDERS, ExportKind.EXPORT_KIND_EQUITY);
        exportKind.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportKind kind) {
                return kind == null ? "" : Formats.enumWord(kind, "EXPORT_KIND_");
            }

            @Override
            public ExportKind fromString(String text) {
                return null;
            }
        });
        exportKind.getSelectionModel().selectFirst();
        exportButton.disableProperty().bind(model.selectedProperty().isNull());
        botsMessage.textProperty().bind(model.messageProperty());
        botsMessage.visibleProperty().bind(model.messageProperty().isNotEmpty());
        botsMessage.managedProperty().bind(botsMessage.visibleProperty());
        streamProblem.textProperty().bind(model.streamProblemProperty());
        streamProblem.visibleProperty().bind(model.streamProblemProperty().isNotEmpty());
        streamProblem.managedProperty().bind(streamProblem.visibleProperty());
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    /** A halted bot asks why it may trade again (journaled by the engine); others start at once. */
    @FXML
    private void onStart() {
        if (!model.startNeedsReason()) {
            model.startSelected("");
            return;
        }
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(startButton.getScene().getWindow());
        dialog.setTitle("Start bot");
        dialog.setHeaderText("Start " + model.selectedProperty().get().name() + " again?");
        dialog.setContentText("It was halted: " + model.selectedProperty().get().statusText() + ". Reason (required):");
        dialog.getDialogPane().setId("startReasonDialog");
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> dialog.getEditor().getText().isBlank(),
                dialog.getEditor().textProperty()));
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                model.startSelected(dialog.getResult());
            }
        });
        dialog.show();
    }

    @FXML
    private void onPause() {
        model.pauseSelected();
    }

    /** Stop asks first: keep the position, sell it, or cancel (the default). */
    @FXML
    private void onStop() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, model.stopConsequences(), ButtonType.CANCEL, STOP_AND_SELL, STOP);
        alert.initOwner(stopButton.getScene().getWindow());
        alert.setTitle("Stop bot");
        alert.setHeaderText("Stop " + model.selectedProperty().get().name() + "?");
        alert.getDialogPane().setId("stopDialog");
        ((Button) alert.getDialogPane().lookupButton(STOP)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == STOP || alert.getResult() == STOP_AND_SELL) {
                model.stopSelected(alert.getResult() == STOP_AND_SELL);
            }
        });
        alert.show();
    }

    @FXML
    private void onAllocation() {
        model.applyAllocation();
    }

    @FXML
    private void onExport() {
        ExportKind kind = exportKind.getValue();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + Formats.enumWord(kind, "EXPORT_KIND_") + " as CSV");
        chooser.setInitialFileName(model.selectedProperty().get().id() + "-" + Formats.enumWord(kind, "EXPORT_KIND_") + ".csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(exportButton.getScene().getWindow());
        if (file != null) {
            model.export(kind, file.toPath());
        }
    }
}
