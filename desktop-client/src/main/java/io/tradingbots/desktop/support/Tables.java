package io.tradingbots.desktop.support;

import java.math.BigDecimal;
import java.util.Comparator;
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

    /**
     * A text column that sorts by the number in its text ("$1,234.50", "-3.2%", "+$5.00"); text
     * without a number ({@link Formats#MISSING}) sorts first.
     */
    public static <R> void numericColumn(TableColumn<R, String> column, Function<R, String> value) {
        column(column, value);
        column.setComparator(Comparator.comparing(Tables::number, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    static BigDecimal number(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[^0-9.\\-]", "");
        try {
            return digits.isEmpty() ? null : new BigDecimal(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Lets the header clicks sort a view of the model's list, never the list itself. */
    public static <R> void sortable(TableView<R> table, ObservableList<R> rows) {
        SortedList<R> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
    }
}
