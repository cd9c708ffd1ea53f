package io.tradingbots.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [--host HOST:PORT] [--token-file PATH] [--connect] [--theme dark|light]
 * [--config FILE]}. Values may also be given as {@code --option=value}.
 */
public record LaunchOptions(Optional<String> host, Optional<String> tokenFile, boolean connect, Theme theme,
                            Optional<Path> config, boolean help, Optional<Path> knownHosts) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: tb-desktop [--host HOST:PORT] [--token-file PATH] [--connect] [--theme dark|light] [--config FILE] [--known-hosts FILE]",
            "  --host HOST:PORT    engine address (default: the last one used, else 127.0.0.1:50051)",
            "  --token-file PATH   the engine's api-token file (default: the last one used, else ~/.tradingbots/api-token)",
            "  --connect           connect at once instead of waiting for the Connect button",
            "  --theme dark|light  colour theme (default dark)",
            "  --config FILE       where to remember the last connection (default ~/.config/tradingbots/desktop.properties;",
            "                      named profiles go to profiles/ beside it)",
            "  --known-hosts FILE  SSH host keys to trust and to add accepted ones to (default ~/.ssh/known_hosts)");

    public static LaunchOptions parse(List<String> args) {
        Optional<String> host = Optional.empty();
        Optional<String> tokenFile = Optional.empty();
        Optional<Path> config = Optional.empty();
        Optional<Path> knownHosts = Optional.empty();
        boolean connect = false;
        boolean help = false;
        Theme theme = Theme.DARK;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            switch (name) {
                case "--connect" -> connect = true;
                case "--help", "-h" -> help = true;
                case "--host", "--token-file", "--theme", "--config", "--known-hosts" -> {
                    String value;
                    if (eq > 0) {
                        value = arg.substring(eq + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--host" -> host = Optional.of(value);
                        case "--token-file" -> tokenFile = Optional.of(value);
                        case "--theme" -> theme = Theme.parse(value);
                        case "--known-hosts" -> knownHosts = Optional.of(Path.of(value));
                        default -> config = Optional.of(Path.of(value));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new LaunchOptions(host, tokenFile, connect, theme, config, help, knownHosts);
    }
}
