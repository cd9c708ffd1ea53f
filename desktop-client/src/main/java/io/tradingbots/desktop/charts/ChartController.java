package io.tradingbots.desktop.charts;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Binds the Charts view to its {@link ChartViewModel}. */
public final class ChartController {

    private final ChartViewModel model;

    @FXML private ComboBox<SeriesChoice> seriesPicker;
    @FXML private Spinner<Integer> fastSpinner;
    @FXML private Spinner<Integer> slowSpinner;
    @FXML private StackPane chartHolder;
    @FXML private Label chartMessage;
    @FXML private Label readout;
    @FXML private ComboBox<BotChoice> botPicker;
    @FXML private Label smaLabel;
    @FXML private Label botInfo;
    @FXML private VBox fillsBox;
    @FXML private ListView<BotFill> fillsList;

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
        botPicker.setItems(model.bots());
        botPicker.valueProperty().bindBidirectional(model.selectedBotProperty());
        botPicker.visibleProperty().bind(Bindings.isNotEmpty(model.bots()));
        botInfo.textProperty().bind(model.botInfoProperty());
        // a bot's chart draws its own strategy's lines: the SMA spinners apply to stored series only
        BooleanBinding botShown = model.selectedBotProperty().isNotNull();
        for (javafx.scene.Node n : new javafx.scene.Node[] {smaLabel, fastSpinner, slowSpinner}) {
            n.visibleProperty().bind(botShown.not());
            n.managedProperty().bind(botShown.not());
        }
        fillsList.setItems(model.fills());
        fillsBox.visibleProperty().bind(botShown);
        fillsBox.managedProperty().bind(botShown);
        fillsList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.showFill(b);
            }
        });
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
