package io.tradingbots.desktop;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A colour palette (theme-*.css) plus the shared control styling (app.css), applied to the scene. */
public enum Theme {
    DARK("theme-dark.css"),
    LIGHT("theme-light.css");

    private final String palette;

    Theme(String palette) {
        this.palette = palette;
    }

    /** "dark" or "light", any case. */
    public static Theme parse(String name) {
        for (Theme theme : values()) {
            if (theme.name().equalsIgnoreCase(name)) {
                return theme;
            }
        }
        throw new IllegalArgumentException("unknown theme '" + name + "': use dark or light");
    }

    /** The other theme: what Ctrl+T switches to. */
    public Theme toggled() {
        return this == DARK ? LIGHT : DARK;
    }

    /** Scene stylesheets, palette first. */
    public List<String> stylesheets() {
        return List.of(url(palette), url("app.css"));
    }

    private static String url(String name) {
        return Objects.requireNonNull(Theme.class.getResource(name), name).toExternalForm();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
