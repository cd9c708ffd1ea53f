package io.tradingbots.desktop.support;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Table wiring shared by the views: text columns from row records, sorting a view of the rows. */
public final class Tables {

    private Tables() {}

    public static <R> void column(TableColumn<R, String> column, Function<R, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /** Lets the header clicks sort a view of the model's list, never the list itself. */
    public static <R> void sortable(TableView<R> table, ObservableList<R> rows) {
        SortedList<R> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }
}
