package io.tradingbots.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view for its controller: {@code FooController} in package p gets {@code p/FooView.fxml}
 * with {@code p/FooView.css} as the root's stylesheet.
 */
public final class Views {

    private Views() {}

    public static Parent load(Object controller) {
        Class<?> type = controller.getClass();
        String base = type.getSimpleName().replaceFirst("Controller$", "View");
        URL fxml = type.getResource(base + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("missing " + base + ".fxml next to " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setController(controller);
        try {
            Parent root = loader.load();
            URL css = type.getResource(base + ".css");
            if (css != null) {
                root.getStylesheets().add(css.toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}
