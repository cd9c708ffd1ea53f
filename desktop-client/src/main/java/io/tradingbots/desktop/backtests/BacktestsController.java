package io.tradingbots.desktop.backtests;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.numericColumn;
import static io.tradingbots.desktop.support.Tables.sortable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** Binds the Backtests view to its {@link BacktestsViewModel}. */
public final class BacktestsController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US).withZone(ZoneOffset.UTC);

    private final BacktestsViewModel model;

    @FXML private ChoiceBox<BacktestsViewModel.Series> seriesChoice;
    @FXML private ChoiceBox<String> strategyChoice;
    @FXML private TextField feeField;
    @FXML private TextField capitalField;
    @FXML private TextField slippageField;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private FlowPane paramsPane;
    @FXML private Button backtestRunButton;
    @FXML private Button backtestCancelButton;
    @FXML private ProgressBar runProgress;
    @FXML private Label runStatus;
    @FXML private Label backtestMessage;
    @FXML private Label resultTitle;
    @FXML private TableView<MetricRow> metricsTable;
    @FXML private TableColumn<MetricRow, String> metricNameColumn;
    @FXML private TableColumn<MetricRow, String> metricStrategyColumn;
    @FXML private TableColumn<MetricRow, String> metricHoldColumn;
    @FXML private LineChart<Number, Number> equityChart;
    @FXML private NumberAxis timeAxis;
    @FXML private TableView<TradeRow> tradesTable;
    @FXML private TableColumn<TradeRow, String> tradeNumberColumn;
    @FXML private TableColumn<TradeRow, String> tradeEntryTimeColumn;
    @FXML private TableColumn<TradeRow, String> tradeEntryPriceColumn;
    @FXML private TableColumn<TradeRow, String> tradeExitTimeColumn;
    @FXML private TableColumn<TradeRow, String> tradeExitPriceColumn;
    @FXML private TableColumn<TradeRow, String> tradeQuantityColumn;
    @FXML private TableColumn<TradeRow, String> tradeProfitColumn;
    @FXML private TableColumn<TradeRow, String> tradeFeesColumn;
    @FXML private TextField wfRangesField;
    @FXML private TextField wfTrainField;
    @FXML private TextField wfTestField;
    @FXML private ChoiceBox<String> wfRankChoice;
    @FXML private TextField wfRandomField;
    @FXML private TextField wfSeedField;
    @FXML private Button wfRunButton;
    @FXML private Button wfCancelButton;
    @FXML private ProgressBar wfProgress;
    @FXML private Label wfStatus;
    @FXML private Label wfMessage;
    @FXML private TabPane lowerTabs;
    @FXML private Tab wfTab;
    @FXML private Label wfSummary;
    @FXML private Label wfVerdict;
    @FXML private TableView<WalkForwardRow> wfTable;
    @FXML private TableColumn<WalkForwardRow, String> wfIndexColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfInSampleColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfOutOfSampleColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfParamsColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfMetricColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfIsReturnColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfOosReturnColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfHoldColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfVsHoldColumn;
    @FXML private TableColumn<WalkForwardRow, String> wfFlagsColumn;
    @FXML private TableView<StoredRow> storedTable;
    @FXML private TableColumn<StoredRow, String> storedIdColumn;
    @FXML private TableColumn<StoredRow, String> storedWhenColumn;
    @FXML private TableColumn<StoredRow, String> storedSeriesColumn;
    @FXML private TableColumn<StoredRow, String> storedStrategyColumn;
    @FXML private TableColumn<StoredRow, String> storedReturnColumn;
    @FXML private TableColumn<StoredRow, String> storedHoldColumn;
    @FXML private TableColumn<StoredRow, String> storedDrawdownColumn;
    @FXML private TableColumn<StoredRow, String> storedSharpeColumn;
    @FXML private TableColumn<StoredRow, String> storedTradesColumn;

    public BacktestsController(BacktestsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        seriesChoice.setItems(model.series());
        seriesChoice.valueProperty().bindBidirectional(model.selectedSeriesProperty());
        strategyChoice.setItems(model.strategyNames());
        strategyChoice.valueProperty().bindBidirectional(model.strategyProperty());
        feeField.textProperty().bindBidirectional(model.feeProperty());
        capitalField.textProperty().bindBidirectional(model.capitalProperty());
        slippageField.textProperty().bindBidirectional(model.slippageProperty());
        fromPicker.valueProperty().bindBidirectional(model.fromProperty());
        toPicker.valueProperty().bindBidirectional(model.toProperty());
        model.params().addListener((ListChangeListener<ParamField>) c -> showParams());
        showParams();

        backtestRunButton.disableProperty().bind(model.runningProperty());
        backtestCancelButton.disableProperty().bind(model.runningProperty().not());
        runProgress.progressProperty().bind(model.progressProperty());
        runProgress.visibleProperty().bind(model.runningProperty());
        runStatus.textProperty().bind(model.statusProperty());
        backtestMessage.textProperty().bind(model.messageProperty());
        backtestMessage.visibleProperty().bind(model.messageProperty().isNotEmpty());
        backtestMessage.managedProperty().bind(backtestMessage.visibleProperty());
        resultTitle.textProperty().bind(model.resultTitleProperty());

        metricsTable.setItems(model.metrics());
        column(metricNameColumn, MetricRow::name);
        coloured(metricStrategyColumn, MetricRow::strategy, MetricRow::strategyLoss);
        coloured(metricHoldColumn, MetricRow::buyAndHold, MetricRow::holdLoss);

        sortable(tradesTable, model.trades());
        column(tradeNumberColumn, t -> Integer.toString(t.number()));
        tradeNumberColumn.setComparator((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        column(tradeEntryTimeColumn, TradeRow::entryTime);
        column(tradeEntryPriceColumn, TradeRow::entryPrice);
        column(tradeExitTimeColumn, TradeRow::exitTime);
        column(tradeExitPriceColumn, TradeRow::exitPrice);
        column(tradeQuantityColumn, TradeRow::quantity);
        coloured(tradeProfitColumn, TradeRow::profit, TradeRow::loss);
        column(tradeFeesColumn, TradeRow::fees);

        sortable(storedTable, model.stored());
        column(storedIdColumn, StoredRow::id);
        storedIdColumn.setComparator((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        column(storedWhenColumn, StoredRow::when);
        column(storedSeriesColumn, StoredRow::series);
        column(storedStrategyColumn, StoredRow::strategy);
        coloured(storedReturnColumn, StoredRow::totalReturn, StoredRow::loss);
        column(storedHoldColumn, StoredRow::buyAndHold);
        column(storedDrawdownColumn, StoredRow::maxDrawdown);
        column(storedSharpeColumn, StoredRow::sharpe);
        column(storedTradesColumn, StoredRow::trades);
        storedTable.setRowFactory(t -> {
            TableRow<StoredRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem());
                }
            });
            return row;
        });

        timeAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number ms) {
                return DAY.format(Instant.ofEpochMilli(ms.longValue()));
            }

            @Override
            public Number fromString(String text) {
                return null;
            }
        });
        model.curve().addListener((ListChangeListener<BacktestsViewModel.Point>) c -> showCurve());
        showCurve();
        bindWalkForward(model.walkForward());
    }

    private void bindWalkForward(WalkForwardViewModel wf) {
        wfRangesField.textProperty().bindBidirectional(wf.rangesProperty());
        wfTrainField.textProperty().bindBidirectional(wf.trainProperty());
        wfTestField.textProperty().bindBidirectional(wf.testProperty());
        wfRankChoice.getItems().setAll(WalkForwardViewModel.RANK_BY);
        wfRankChoice.valueProperty().bindBidirectional(wf.rankByProperty());
        wfRandomField.textProperty().bindBidirectional(wf.randomProperty());
        wfSeedField.textProperty().bindBidirectional(wf.seedProperty());
        wfRunButton.disableProperty().bind(wf.runningProperty().or(model.runningProperty()));
        backtestRunButton.disableProperty().unbind();
        backtestRunButton.disableProperty().bind(model.runningProperty().or(wf.runningProperty())); // one run slot
        wfCancelButton.disableProperty().bind(wf.runningProperty().not());
        wfProgress.progressProperty().bind(wf.progressProperty());
        wfProgress.visibleProperty().bind(wf.runningProperty());
        wfStatus.textProperty().bind(wf.statusProperty());
        wfMessage.textProperty().bind(wf.messageProperty());
        wfMessage.visibleProperty().bind(wf.messageProperty().isNotEmpty());
        wfMessage.managedProperty().bind(wfMessage.visibleProperty());
        wfSummary.textProperty().bind(wf.summaryProperty());
        wfVerdict.textProperty().bind(wf.verdictProperty());
        wf.flaggedProperty().addListener((o, was, now) -> {
            wfVerdict.getStyleClass().remove("flagged");
            if (now) {
                wfVerdict.getStyleClass().add("flagged");
            }
        });

        sortable(wfTable, wf.windows());
        column(wfIndexColumn, w -> Integer.toString(w.index()));
        wfIndexColumn.setComparator((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        column(wfInSampleColumn, WalkForwardRow::inSample);
        column(wfOutOfSampleColumn, WalkForwardRow::outOfSample);
        column(wfParamsColumn, WalkForwardRow::bestParams);
        numericColumn(wfMetricColumn, WalkForwardRow::isMetric);
        numericColumn(wfIsReturnColumn, WalkForwardRow::isReturn);
        coloured(wfOosReturnColumn, WalkForwardRow::oosReturn, WalkForwardRow::oosLoss);
        numericColumn(wfHoldColumn, WalkForwardRow::holdReturn);
        numericColumn(wfVsHoldColumn, WalkForwardRow::oosVsHold);
        coloured(wfFlagsColumn, WalkForwardRow::flags, WalkForwardRow::flagged);
        wfMetricColumn.textProperty().bind(wf.metricHeaderProperty());
        wf.windows().addListener((ListChangeListener<WalkForwardRow>) c -> lowerTabs.getSelectionModel().select(wfTab));
    }

    private void showParams() {
        List<HBox> fields = new ArrayList<>();
        for (ParamField p : model.params()) {
            TextField field = new TextField();
            field.setId("param-" + p.name());
            field.setPrefColumnCount(6);
            field.textProperty().bindBidirectional(p.valueProperty());
            field.setTooltip(new Tooltip(p.description() + " (" + p.hint() + ")"));
            Label label = new Label(p.name());
            label.setTooltip(new Tooltip(p.hint()));
            HBox box = new HBox(4, label, field);
            box.setStyle("-fx-alignment: center-left;");
            fields.add(box);
        }
        paramsPane.getChildren().setAll(fields);
    }

    private void showCurve() {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(model.curve().size());
        for (BacktestsViewModel.Point p : model.curve()) {
            data.add(new XYChart.Data<>(p.time(), p.equity()));
        }
        series.getData().setAll(data);
        equityChart.getData().setAll(List.of(series));
    }

    /** A text column whose cells turn the negative colour when {@code loss} says so. */
    private static <R> void coloured(TableColumn<R, String> column, Function<R, String> text, Predicate<R> loss) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().remove("loss");
                R row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : value);
                if (row != null && loss.test(row)) {
                    getStyleClass().add("loss");
                }
            }
        });
    }

    @FXML
    private void onRun() {
        model.run();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onWalkForward() {
        model.walkForward().run();
    }

    @FXML
    private void onCancelWalkForward() {
        model.walkForward().cancel();
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }
}
