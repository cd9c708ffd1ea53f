package io.tradingbots.desktop.support;

import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.Node;
import javafx.util.Callback;

/** Style classes that follow a text: red for a loss, a colour per bot or connection status. */
public final class StyleClasses {

    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";

    private StyleClasses() {}

    /** {@value #NEGATIVE} for text starting with '-', {@value #POSITIVE} for '+', otherwise none. */
    public static String sign(String formatted) {
        if (formatted == null || formatted.isEmpty()) {
            return null;
        }
        char first = formatted.charAt(0);
        return first == '-' ? NEGATIVE : first == '+' ? POSITIVE : null;
    }

    /**
     * Keeps one style class on the node, chosen from the observed value ({@code styleOf} may
     * answer null for none). The listener sits on {@code value} itself, which must live as long
     * as the node: a binding made just for this call would be garbage collected.
     */
    public static <T> void follow(Node node, ObservableValue<T> value, Function<T, String> styleOf) {
        String[] applied = {null};
        Runnable update = () -> applied[0] = replace(node, applied[0], styleOf.apply(value.getValue()));
        value.addListener((obs, old, now) -> update.run());
        update.run();
    }

    /** A cell factory for text cells whose style class is chosen from their text. */
    public static <R> Callback<TableColumn<R, String>, TableCell<R, String>> cells(Function<String, String> styleOf) {
        return column -> new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                applied = replace(this, applied, empty || item == null ? null : styleOf.apply(item));
            }
        };
    }

    private static String replace(Node node, String old, String now) {
        if (old != null && !old.equals(now)) {
            node.getStyleClass().remove(old);
        }
        if (now != null && !node.getStyleClass().contains(now)) {
            node.getStyleClass().add(now);
        }
        return now;
    }
}
