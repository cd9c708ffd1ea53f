package io.tradingbots.desktop.health;

import static io.tradingbots.desktop.support.Tables.column;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Binds the System health view to its {@link HealthViewModel}. */
public final class HealthController {

    private final HealthViewModel model;

    @FXML private Label healthHeadline;
    @FXML private TableView<HealthRow> healthTable;
    @FXML private TableColumn<HealthRow, String> healthNameColumn;
    @FXML private TableColumn<HealthRow, String> healthValueColumn;

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
    }
}
