package io.tradingbots.engine.cli;

import io.grpc.ManagedChannel;
import io.tradingbots.api.v1.BotRisk;
import io.tradingbots.api.v1.CoinExposure;
import io.tradingbots.api.v1.GetLimitsRequest;
import io.tradingbots.api.v1.GetLimitsResponse;
import io.tradingbots.api.v1.GetRiskRequest;
import io.tradingbots.api.v1.LimitChange;
import io.tradingbots.api.v1.HaltTradingRequest;
import io.tradingbots.api.v1.HaltTradingResponse;
import io.tradingbots.api.v1.MarketRegime;
import io.tradingbots.api.v1.ResumeTradingRequest;
import io.tradingbots.api.v1.RiskLimits;
import io.tradingbots.api.v1.RiskServiceGrpc;
import io.tradingbots.api.v1.RiskState;
import io.tradingbots.engine.agent.RegimeReading;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tb risk}: the risk manager's state and the kill switch, over the engine's RiskService. */
@Command(name = "risk", mixinStandardHelpOptions = true,
        description = "The risk manager: status, and the kill switch (halt / resume all bots).",
        subcommands = {RiskCommand.Status.class, RiskCommand.Limits.class, RiskCommand.Halt.class, RiskCommand.Resume.class})
final class RiskCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static RiskServiceGrpc.RiskServiceBlockingStub stub(ManagedChannel channel, ClientOptions client) {
        return RiskServiceGrpc.newBlockingStub(channel).withCallCredentials(client.credentials()).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static String who(String command) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "someone") + "@" + host + " (tb risk " + command + ")";
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Equity, the day's P&L against the daily loss limit, exposures, drawdowns, and whether trading is halted.")
    static final class Status extends ShowCommand<RiskState> {
        @Override
        RiskState ask(ManagedChannel channel) {
            return stub(channel, client).getRisk(GetRiskRequest.getDefaultInstance()).getState();
        }

        @Override
        void print(PrintWriter out, RiskState s) {
            RiskCommand.print(out, s);
        }
    }

    @Command(name = "limits", mixinStandardHelpOptions = true,
            description = "The limits in force and their audit trail: who changed which limit when, from what to what (newest first).")
    static final class Limits extends ShowCommand<GetLimitsResponse> {
        @Override
        GetLimitsResponse ask(ManagedChannel channel) {
            return stub(channel, client).getLimits(GetLimitsRequest.getDefaultInstance());
        }

        @Override
        void print(PrintWriter out, GetLimitsResponse r) {
            RiskLimits l = r.getLimits();
            out.println("daily loss         " + l.getDailyLossPercent() + "% (entries stop " + l.getEntryBufferPercent() + " points before)");
            out.println("bot drawdown       " + l.getBotDrawdownPercent() + "%");
            out.println("exposure           " + l.getCoinExposurePercent() + "% per coin, " + l.getTotalExposurePercent() + "% in total");
            out.println("order size         " + l.getMinOrderNotional() + " to " + l.getMaxOrderNotional());
            out.println("orders per minute  " + l.getMaxOrdersPerMinute() + " entries per bot");
            out.println(r.getRecentChangesCount() == 0 ? "changes            none (the defaults or the config file's as first set)"
                    : "changes            newest first:");
            for (LimitChange c : r.getRecentChangesList()) {
                out.printf("  %s  %-24s %s -> %s  by %s%n", Instant.ofEpochSecond(c.getTime().getSeconds()), c.getLimit(),
                        c.getOldValue(), c.getNewValue(), c.getChangedBy());
            }
        }
    }

    static void print(PrintWriter out, RiskState s) {
        RiskLimits l = s.getLimits();
        out.println("trading       " + (s.getHalted() ? "HALTED (" + s.getHalt().getKind().name().replace("HALT_KIND_", "").toLowerCase()
                + ", by " + s.getHalt().getHaltedBy() + " since " + Instant.ofEpochSecond(s.getHalt().getSince().getSeconds()) + "): "
                + s.getHalt().getReason() : "allowed"));
        if (!s.getHalted() && !s.getEntriesBlocked().isEmpty()) {
            out.println("entries       blocked: " + s.getEntriesBlocked());
        }
        out.println("day (UTC)     " + s.getUtcDay());
        out.println("equity        " + orDash(s.getEquity()) + " (day start " + orDash(s.getDayStartEquity()) + ")");
        out.println("today's P&L   " + orDash(s.getDailyPnl()) + " = loss of " + orDash(s.getDailyLossPercent()) + "%, "
                + orDash(s.getLimitUsedPercent()) + "% of the " + l.getDailyLossPercent() + "% limit (entries stop at "
                + l.getDailyLossPercent() + " - " + l.getEntryBufferPercent() + "%)");
        out.println("exposure      " + s.getTotalExposure() + " in total (limit " + l.getTotalExposurePercent() + "% of equity, "
                + l.getCoinExposurePercent() + "% per coin)");
        for (CoinExposure c : s.getCoinsList()) {
            out.printf("  %-10s %s%n", c.getCoin(), c.getExposure());
        }
        out.println("bots          exposure, drawdown (limit " + l.getBotDrawdownPercent() + "%)");
        for (BotRisk b : s.getBotsList()) {
            out.printf("  %-10s %s, %s%%%n", b.getBotId(), b.getExposure(), b.getDrawdownPercent());
        }
        out.println("orders        " + l.getMinOrderNotional() + " to " + l.getMaxOrderNotional() + " each, at most "
                + l.getMaxOrdersPerMinute() + " entries a minute per bot");
        for (MarketRegime r : s.getRegimesList()) {
            out.printf(Locale.ROOT, "regime        %s %s: %s for %d candles (ADX %.1f, efficiency %.2f, slope %+.3f%%/candle, volatility %.2f%%"
                            + " in the %s percentile, range %.1f%%)%n", r.getSymbol(), r.getTimeframe(),
                    r.getLabel().name().replace("MARKET_REGIME_LABEL_", "").replace('_', ' ').toLowerCase(Locale.ROOT), r.getCandlesInRegime(),
                    r.getAdx(), r.getEfficiencyRatio(), r.getSlopePercentPerCandle(), r.getVolatilityPercent(), RegimeReading.ordinal((int) Math.round(r.getVolatilityPercentile())),
                    r.getRangeWidthPercent());
        }
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    @Command(name = "halt", mixinStandardHelpOptions = true,
            description = {"Kill switch: halt all bots now. New entries are refused; orders that reduce a position still pass.",
                    "The halt is stored and survives restarts, until 'tb risk resume'."})
    static final class Halt implements Callable<Integer> {
        @Mixin
        ClientOptions client;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (stored with the halt).")
        String reason;
        @Option(names = "--flatten", description = "Also close every open position at the market.")
        boolean flatten;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("--reason must say why trading halts");
            }
            return client.call(channel -> {
                HaltTradingResponse r = stub(channel, client).haltTrading(HaltTradingRequest.newBuilder().setReason(reason)
                        .setRequestedBy(who("halt")).setFlatten(flatten).build());
                spec.commandLine().getOut().println("tb: trading halted" + (flatten ? ", " + r.getFlattenOrders() + " position(s) being closed" : "")
                        + ": " + r.getState().getHalt().getReason());
                return 0;
            });
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"End a halt (manual, or the daily loss limit's before the next UTC day).",
                    "After a daily-loss halt the day's loss is measured again from the equity now."})
    static final class Resume implements Callable<Integer> {
        @Mixin
        ClientOptions client;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why trading may start again (stored).")
        String reason;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("--reason must say why trading may start again");
            }
            return client.call(channel -> {
                stub(channel, client).resumeTrading(ResumeTradingRequest.newBuilder().setReason(reason).setRequestedBy(who("resume")).build());
                spec.commandLine().getOut().println("tb: trading resumed: " + reason);
                return 0;
            });
        }
    }
}
