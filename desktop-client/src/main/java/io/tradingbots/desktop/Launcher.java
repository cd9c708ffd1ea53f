package io.tradingbots.desktop;

import java.util.List;
import javafx.application.Application;

/**
 * Entry point of tb-desktop.jar. Not an {@link Application} subclass itself, so JavaFX on the
 * class path (a plain fat jar) starts without complaining about missing runtime components.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        try {
            if (LaunchOptions.parse(List.of(args)).help()) {
                System.out.println(LaunchOptions.USAGE);
                return;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("tb-desktop: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
        }
        Application.launch(DesktopApp.class, args);
        System.exit(0); // the window is closed and JavaFX has stopped: nothing else may keep us alive
    }
}
