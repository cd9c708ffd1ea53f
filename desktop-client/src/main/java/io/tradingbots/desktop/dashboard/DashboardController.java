package io.tradingbots.desktop.dashboard;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.sortable;

import io.tradingbots.desktop.engine.ConnectionStatus;
import io.tradingbots.desktop.support.StyleClasses;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;

/** Binds the dashboard to its {@link DashboardViewModel}. */
public final class DashboardController {

    private final DashboardViewModel model;
    private final Runnable onDisconnect;
    private final ObservableValue<String> dayLimit;

    @FXML private Node content;
    @FXML private Label modeBadge;
    @FXML private Label targetLabel;
    @FXML private Label versionLabel;
    @FXML private Label commitLabel;
    @FXML private Label marketLabel;
    @FXML private Label dataDirLabel;
    @FXML private Label startedLabel;
    @FXML private Label equityLabel;
    @FXML private Label cashLabel;
    @FXML private Label todayPnlLabel;
    @FXML private Label drawdownLabel;
    @FXML private Node dayLimitCard;
    @FXML private Label dayLimitLabel;
    @FXML private TableView<PriceRow> pricesTable;
    @FXML private TableColumn<PriceRow, String> priceSymbolColumn;
    @FXML private TableColumn<PriceRow, String> priceColumn;
    @FXML private TableColumn<PriceRow, String> priceChangeColumn;
    @FXML private TableColumn<PriceRow, String> priceTimeColumn;
    @FXML private TableView<BotRow> botsTable;
    @FXML private TableColumn<BotRow, String> botNameColumn;
    @FXML private TableColumn<BotRow, String> botStrategyColumn;
    @FXML private TableColumn<BotRow, String> botSymbolColumn;
    @FXML private TableColumn<BotRow, String> botTimeframeColumn;
    @FXML private TableColumn<BotRow, String> botStatusColumn;
    @FXML private TableColumn<BotRow, String> botAllocationColumn;
    @FXML private TableColumn<BotRow, String> botCashColumn;
    @FXML private TableColumn<BotRow, String> botPositionColumn;
    @FXML private TableColumn<BotRow, String> botEquityColumn;
    @FXML private TableColumn<BotRow, String> botPnlColumn;
    @FXML private TableColumn<BotRow, String> botTradesColumn;
    @FXML private TableColumn<BotRow, String> botSignalColumn;
    @FXML private StatusBar statusBar;
    @FXML private Label connectionStatus;
    @FXML private Label tunnelStatus;
    @FXML private Label lastUpdateLabel;

    public DashboardController(DashboardViewModel model, Runnable onDisconnect) {
        this(model, new javafx.beans.property.SimpleStringProperty(""), onDisconnect);
    }

    /**
     * @param dayLimit today's loss against the daily limit, from the risk view's live picture
     *                 ("19.6% of 10%": of the limit, used today; "HALTED"); the card hides while it is empty
     */
    public DashboardController(DashboardViewModel model, ObservableValue<String> dayLimit, Runnable onDisconnect) {
        this.model = model;
        this.dayLimit = dayLimit;
        this.onDisconnect = onDisconnect;
    }

    @FXML
    private void initialize() {
        ObservableValue<EngineInfoText> info = model.infoProperty();
        show(modeBadge, info, EngineInfoText::mode);
        show(targetLabel, info, EngineInfoText::target);
        show(versionLabel, info, EngineInfoText::version);
        show(commitLabel, info, EngineInfoText::commit);
        show(marketLabel, info, EngineInfoText::market);
        show(dataDirLabel, info, EngineInfoText::dataDir);
        show(startedLabel, info, EngineInfoText::started);
        StyleClasses.follow(modeBadge, modeBadge.textProperty(), mode -> "mode-" + mode.toLowerCase(Locale.ROOT));

        ObservableValue<PortfolioText> totals = model.portfolioProperty();
        show(equityLabel, totals, PortfolioText::equity);
        show(cashLabel, totals, PortfolioText::cash);
        show(todayPnlLabel, totals, PortfolioText::todayPnl);
        show(drawdownLabel, totals, PortfolioText::drawdown);
        StyleClasses.follow(todayPnlLabel, todayPnlLabel.textProperty(), StyleClasses::sign);
        dayLimitLabel.textProperty().bind(dayLimit);
        dayLimitCard.visibleProperty().bind(dayLimitLabel.textProperty().isNotEmpty());
        dayLimitCard.managedProperty().bind(dayLimitCard.visibleProperty());
        StyleClasses.follow(dayLimitLabel, dayLimitLabel.textProperty(), t -> "HALTED".equals(t) ? "negative" : null);

        ObservableValue<ConnectionStatus> status = model.statusProperty();
        show(connectionStatus, status, ConnectionStatus::text);
        connectionStatus.setTooltip(new Tooltip());
        connectionStatus.getTooltip().textProperty().bind(connectionStatus.textProperty());
        StyleClasses.follow(connectionStatus, status, s -> "status-" + s.state().name().toLowerCase(Locale.ROOT));
        StyleClasses.follow(content, status, s -> s.state() == ConnectionStatus.State.CONNECTED ? null : "stale");
        statusBar.textProperty().bind(model.healthProperty());
        tunnelStatus.textProperty().bind(model.tunnelProperty());
        tunnelStatus.visibleProperty().bind(model.tunnelProperty().isNotEmpty());
        tunnelStatus.managedProperty().bind(tunnelStatus.visibleProperty());
        lastUpdateLabel.textProperty().bind(model.lastUpdateProperty());

        bindPrices();
        bindBots();
    }

    private void bindPrices() {
        sortable(pricesTable, model.prices());
        column(priceSymbolColumn, PriceRow::symbol);
        column(priceColumn, PriceRow::price);
        column(priceChangeColumn, PriceRow::change24h);
        column(priceTimeColumn, PriceRow::time);
        priceChangeColumn.setCellFactory(StyleClasses.cells(StyleClasses::sign));
    }

    private void bindBots() {
        sortable(botsTable, model.bots());
        column(botNameColumn, BotRow::name);
        column(botStrategyColumn, BotRow::strategy);
        column(botSymbolColumn, BotRow::symbol);
        column(botTimeframeColumn, BotRow::timeframe);
        column(botStatusColumn, BotRow::status);
        column(botAllocationColumn, BotRow::allocation);
        column(botCashColumn, BotRow::cash);
        column(botPositionColumn, BotRow::position);
        column(botEquityColumn, BotRow::equity);
        column(botPnlColumn, BotRow::todayPnl);
        column(botTradesColumn, BotRow::trades);
        column(botSignalColumn, BotRow::lastSignal);
        botPnlColumn.setCellFactory(StyleClasses.cells(StyleClasses::sign));
        botStatusColumn.setCellFactory(StyleClasses.cells(s -> "bot-" + s.replace(' ', '-')));
    }

    @FXML
    private void onDisconnect() {
        onDisconnect.run();
    }

    private static <T> void show(Label label, ObservableValue<T> source, Function<T, String> text) {
        label.textProperty().bind(Bindings.createStringBinding(
                () -> source.getValue() == null ? "" : text.apply(source.getValue()), source));
    }
}
