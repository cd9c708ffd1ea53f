package io.tradingbots.desktop.history;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.sortable;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Binds the History view to its {@link HistoryViewModel}. */
public final class HistoryController {

    private final HistoryViewModel model;

    @FXML private TableView<InventoryRow> inventoryTable;
    @FXML private TableColumn<InventoryRow, String> exchangeColumn;
    @FXML private TableColumn<InventoryRow, String> symbolColumn;
    @FXML private TableColumn<InventoryRow, String> timeframeColumn;
    @FXML private TableColumn<InventoryRow, String> firstColumn;
    @FXML private TableColumn<InventoryRow, String> lastColumn;
    @FXML private TableColumn<InventoryRow, String> countColumn;
    @FXML private TableColumn<InventoryRow, String> gapsColumn;
    @FXML private TableColumn<InventoryRow, String> missingColumn;
    @FXML private TableColumn<InventoryRow, String> storageColumn;
    @FXML private TableView<FetchJobRow> jobsTable;
    @FXML private TableColumn<FetchJobRow, String> jobSeriesColumn;
    @FXML private TableColumn<FetchJobRow, String> jobStateColumn;
    @FXML private TableColumn<FetchJobRow, FetchJobRow> jobProgressColumn;
    @FXML private TableColumn<FetchJobRow, String> jobCandlesColumn;
    @FXML private TableColumn<FetchJobRow, String> jobRateColumn;
    @FXML private TableColumn<FetchJobRow, String> jobEtaColumn;
    @FXML private TableColumn<FetchJobRow, String> jobNoteColumn;
    @FXML private TableColumn<FetchJobRow, FetchJobRow> jobCancelColumn;
    @FXML private TextField fetchSymbols;
    @FXML private TextField fetchTimeframes;
    @FXML private DatePicker fetchFrom;
    @FXML private Label historyMessage;

    public HistoryController(HistoryViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        sortable(inventoryTable, model.inventory());
        column(exchangeColumn, InventoryRow::exchange);
        column(symbolColumn, InventoryRow::symbol);
        column(timeframeColumn, InventoryRow::timeframe);
        column(firstColumn, InventoryRow::first);
        column(lastColumn, InventoryRow::last);
        column(countColumn, InventoryRow::count);
        column(gapsColumn, InventoryRow::knownGaps);
        column(missingColumn, InventoryRow::missing);
        column(storageColumn, InventoryRow::storage);

        jobsTable.setItems(model.jobs());
        column(jobSeriesColumn, FetchJobRow::series);
        column(jobStateColumn, FetchJobRow::state);
        column(jobCandlesColumn, FetchJobRow::candles);
        column(jobRateColumn, FetchJobRow::rate);
        column(jobEtaColumn, FetchJobRow::eta);
        column(jobNoteColumn, FetchJobRow::note);
        jobProgressColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        jobProgressColumn.setCellFactory(c -> new ProgressCell());
        jobCancelColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        jobCancelColumn.setCellFactory(c -> new CancelCell());

        fetchSymbols.textProperty().bindBidirectional(model.symbolsProperty());
        fetchTimeframes.textProperty().bindBidirectional(model.timeframesProperty());
        fetchFrom.valueProperty().bindBidirectional(model.fromProperty());
        historyMessage.textProperty().bind(model.messageProperty());
        historyMessage.visibleProperty().bind(model.messageProperty().isNotEmpty());
        historyMessage.managedProperty().bind(historyMessage.visibleProperty());
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onStartFetch() {
        model.startFetch();
    }

    /** A progress bar with the percentage beside it. */
    private static final class ProgressCell extends TableCell<FetchJobRow, FetchJobRow> {
        private final ProgressBar bar = new ProgressBar();

        @Override
        protected void updateItem(FetchJobRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
            } else {
                bar.setProgress(row.progress());
                setGraphic(bar);
                setText(row.percent());
            }
        }
    }

    /** "Cancel" while the job runs, nothing after. */
    private final class CancelCell extends TableCell<FetchJobRow, FetchJobRow> {
        private final Button button = new Button("Cancel");

        CancelCell() {
            button.setOnAction(e -> model.cancel(getItem()));
        }

        @Override
        protected void updateItem(FetchJobRow row, boolean empty) {
            super.updateItem(row, empty);
            setGraphic(empty || row == null || !row.running() ? null : button);
        }
    }
}
