package io.tradingbots.desktop.dashboard;

import io.tradingbots.api.v1.GetInfoResponse;
import io.tradingbots.desktop.support.Formats;
import java.time.ZoneId;

/** The engine's GetInfo answer as the header shows it. */
public record EngineInfoText(String target, String version, String commit, String mode, String market,
                             String dataDir, String started) {

    public static EngineInfoText of(String target, GetInfoResponse info, ZoneId zone) {
        String commit = info.getGitCommit().matches("[0-9a-f]{40}") ? info.getGitCommit().substring(0, 12) : info.getGitCommit();
        return new EngineInfoText(target, info.getVersion(), commit,
                Formats.enumWord(info.getMode(), "TRADING_MODE_").toUpperCase(java.util.Locale.ROOT),
                info.getMarketSource(), info.getDataDir(), Formats.dateTime(info.getStartTime(), zone));
    }
}
