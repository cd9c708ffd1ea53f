package io.tradingbots.engine;

import io.tradingbots.engine.cli.TbCommand;

/** Entry point of {@code tb}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(TbCommand.commandLine().execute(args));
    }
}
