package io.tradingbots.desktop.performance;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.numericColumn;
import static io.tradingbots.desktop.support.Tables.sortable;

import io.tradingbots.desktop.support.StyleClasses;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.StringConverter;

/** Binds the Performance view to its {@link PerformanceViewModel}. */
public final class PerformanceController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US).withZone(ZoneOffset.UTC);

    private final PerformanceViewModel model;

    @FXML private Button perfRefreshButton;
    @FXML private ChoiceBox<StoredChoice> storedChoice;
    @FXML private Button compareButton;
    @FXML private Label perfStatus;
    @FXML private Label perfMessage;
    @FXML private LineChart<Number, Number> returnChart;
    @FXML private NumberAxis returnTimeAxis;
    @FXML private LineChart<Number, Number> drawdownChart;
    @FXML private NumberAxis drawdownTimeAxis;
    @FXML private TableView<ComparisonRow> comparisonTable;
    @FXML private TableColumn<ComparisonRow, String> kindColumn;
    @FXML private TableColumn<ComparisonRow, String> nameColumn;
    @FXML private TableColumn<ComparisonRow, String> periodColumn;
    @FXML private TableColumn<ComparisonRow, String> pointsColumn;
    @FXML private TableColumn<ComparisonRow, String> returnColumn;
    @FXML private TableColumn<ComparisonRow, String> drawdownColumn;
    @FXML private TableColumn<ComparisonRow, String> tradesColumn;
    @FXML private TableColumn<ComparisonRow, String> feesColumn;
    @FXML private TableColumn<ComparisonRow, String> holdColumn;

    public PerformanceController(PerformanceViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        perfRefreshButton.disableProperty().bind(model.loadingProperty());
        storedChoice.setItems(model.stored());
        storedChoice.valueProperty().bindBidirectional(model.selectedStoredProperty());
        compareButton.disableProperty().bind(storedChoice.valueProperty().isNull());
        perfStatus.textProperty().bind(model.statusProperty());
        perfMessage.textProperty().bind(model.messageProperty());
        perfMessage.visibleProperty().bind(model.messageProperty().isNotEmpty());
        perfMessage.managedProperty().bind(perfMessage.visibleProperty());

        for (NumberAxis axis : new NumberAxis[] {returnTimeAxis, drawdownTimeAxis}) {
            axis.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number millis) {
                    return DAY.format(Instant.ofEpochMilli(millis.longValue()));
                }

                @Override
                public Number fromString(String text) {
                    return Instant.from(DAY.parse(text)).toEpochMilli();
                }
            });
        }
        follow(model.returns(), returnChart);
        follow(model.drawdowns(), drawdownChart);

        sortable(comparisonTable, model.comparison());
        column(kindColumn, ComparisonRow::kind);
        column(nameColumn, ComparisonRow::name);
        column(periodColumn, ComparisonRow::period);
        numericColumn(pointsColumn, ComparisonRow::points);
        numericColumn(returnColumn, ComparisonRow::totalReturn);
        returnColumn.setCellFactory(StyleClasses.cells(StyleClasses::sign));
        numericColumn(drawdownColumn, ComparisonRow::maxDrawdown);
        numericColumn(tradesColumn, ComparisonRow::trades);
        numericColumn(feesColumn, ComparisonRow::fees);
        numericColumn(holdColumn, ComparisonRow::buyAndHold);
        holdColumn.setCellFactory(StyleClasses.cells(StyleClasses::sign));
    }

    private static void follow(ObservableList<NamedCurve> curves, LineChart<Number, Number> chart) {
        curves.addListener((ListChangeListener<NamedCurve>) c -> draw(curves, chart));
        draw(curves, chart);
    }

    private static void draw(List<NamedCurve> curves, LineChart<Number, Number> chart) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>(curves.size());
        for (NamedCurve curve : curves) {
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(curve.points().size());
            curve.points().forEach(p -> data.add(new XYChart.Data<>(p.time(), p.value())));
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(curve.name());
            series.getData().setAll(data);
            all.add(series);
        }
        chart.getData().setAll(all);
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onCompare() {
        model.compareSelected();
    }

    @FXML
    private void onClear() {
        model.clearBacktests();
    }
}
