package io.tradingbots.desktop.charts;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.StackPane;

/** Binds the Charts view to its {@link ChartViewModel}. */
public final class ChartController {

    private final ChartViewModel model;

    @FXML private ComboBox<SeriesChoice> seriesPicker;
    @FXML private Spinner<Integer> fastSpinner;
    @FXML private Spinner<Integer> slowSpinner;
    @FXML private StackPane chartHolder;
    @FXML private Label chartMessage;
    @FXML private Label readout;

    public ChartController(ChartViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        seriesPicker.setItems(model.series());
        seriesPicker.valueProperty().bindBidirectional(model.selectedProperty());
        fastSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 500, model.fastPeriodProperty().get()));
        slowSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 2000, model.slowPeriodProperty().get()));
        fastSpinner.valueProperty().addListener((o, a, b) -> model.fastPeriodProperty().set(b));
        slowSpinner.valueProperty().addListener((o, a, b) -> model.slowPeriodProperty().set(b));
        CandleChart chart = new CandleChart(model);
        chart.setId("candleChart");
        chartHolder.getChildren().add(chart);
        Platform.runLater(chart::requestFocus); // arrow keys pan at once, instead of switching tabs
        chartMessage.textProperty().bind(model.messageProperty());
        chartMessage.visibleProperty().bind(model.messageProperty().isNotEmpty().or(model.loadingProperty()));
        chartMessage.managedProperty().bind(chartMessage.visibleProperty());
        model.loadingProperty().addListener((o, a, b) -> {
            if (b) {
                chartMessage.textProperty().unbind();
                chartMessage.setText("loading candles…");
            } else {
                chartMessage.textProperty().bind(model.messageProperty());
            }
        });
        readout.textProperty().bind(model.readoutProperty());
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onShowAll() {
        model.showAll();
    }
}
