package io.tradingbots.desktop.health;

import static io.tradingbots.desktop.support.Tables.column;
import static io.tradingbots.desktop.support.Tables.numericColumn;

import io.tradingbots.desktop.support.Tables;
import java.util.function.Predicate;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.util.Callback;

/** Binds the System health view to its {@link HealthViewModel}. */
public final class HealthController {

    private final HealthViewModel model;

    @FXML private Label healthHeadline;
    @FXML private TableView<HealthRow> healthTable;
    @FXML private TableColumn<HealthRow, String> healthNameColumn;
    @FXML private TableColumn<HealthRow, String> healthValueColumn;
    @FXML private TableView<FeedRow> feedsTable;
    @FXML private TableColumn<FeedRow, String> feedNameColumn;
    @FXML private TableColumn<FeedRow, String> feedLastColumn;
    @FXML private TableColumn<FeedRow, String> feedAgeColumn;
    @FXML private TableColumn<FeedRow, String> feedStateColumn;
    @FXML private TableView<EndpointRow> endpointsTable;
    @FXML private TableColumn<EndpointRow, String> endpointNameColumn;
    @FXML private TableColumn<EndpointRow, String> endpointCallsColumn;
    @FXML private TableColumn<EndpointRow, String> endpointErrorsColumn;
    @FXML private TableColumn<EndpointRow, String> endpointLastErrorColumn;
    @FXML private TableColumn<EndpointRow, String> endpointP50Column;
    @FXML private TableColumn<EndpointRow, String> endpointP99Column;

    public HealthController(HealthViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        healthHeadline.textProperty().bind(model.headlineProperty());
        healthTable.setItems(model.rows());
        column(healthNameColumn, HealthRow::name);
        column(healthValueColumn, HealthRow::value);
        healthTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HealthRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("warning", "not-reported");
                if (!empty && row != null) {
                    if (row.warning()) {
                        getStyleClass().add("warning");
                    } else if (HealthRow.NOT_REPORTED.equals(row.value())) {
                        getStyleClass().add("not-reported");
                    }
                }
            }
        });

        Tables.sortable(feedsTable, model.feeds());
        column(feedNameColumn, FeedRow::feed);
        column(feedLastColumn, FeedRow::lastCandle);
        column(feedAgeColumn, FeedRow::age);
        column(feedStateColumn, FeedRow::state);
        feedsTable.setRowFactory(warnings(FeedRow::stale));
        feedsTable.setPlaceholder(placeholder(model.feedsNoteProperty()));

        Tables.sortable(endpointsTable, model.endpoints());
        column(endpointNameColumn, EndpointRow::endpoint);
        numericColumn(endpointCallsColumn, EndpointRow::calls);
        column(endpointErrorsColumn, EndpointRow::errors);
        column(endpointLastErrorColumn, EndpointRow::lastError);
        numericColumn(endpointP50Column, EndpointRow::p50);
        numericColumn(endpointP99Column, EndpointRow::p99);
        endpointsTable.setRowFactory(warnings(EndpointRow::warning));
        endpointsTable.setPlaceholder(placeholder(model.endpointsNoteProperty()));
    }

    private static <R> Callback<TableView<R>, TableRow<R>> warnings(Predicate<R> warning) {
        return t -> new TableRow<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("warning");
                if (!empty && row != null && warning.test(row)) {
                    getStyleClass().add("warning");
                }
            }
        };
    }

    private static Label placeholder(ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.getStyleClass().add("placeholder");
        return l;
    }
}
