package io.tradingbots.engine;

import io.tradingbots.engine.cli.TbCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of {@code tb}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Never let the JDK's HTTP client resend a POST whose reply was lost: it could place an order twice.
        System.setProperty("sun.net.http.retryPost", "false");
        // gRPC and HSQLDB log through java.util.logging; send it to Logback like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(TbCommand.commandLine().execute(args));
    }
}
