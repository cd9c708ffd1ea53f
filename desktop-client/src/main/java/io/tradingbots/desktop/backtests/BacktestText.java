package io.tradingbots.desktop.backtests;

import io.tradingbots.desktop.support.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The backtest figures (decimal strings, ratios as fractions) as text for people. */
final class BacktestText {

    private BacktestText() {}

    /** A fraction as a signed percent: "0.1234" → "+12.34%", "-0.05" → "-5.00%". */
    static String signedFraction(String decimal) {
        BigDecimal v = parse(decimal);
        return v == null ? Formats.MISSING : Formats.signedPercent(v.movePointRight(2).toPlainString());
    }

    /** A fraction as a plain percent: "0.25" → "25.00%". */
    static String fraction(String decimal) {
        BigDecimal v = parse(decimal);
        return v == null ? Formats.MISSING
                : String.format(Locale.US, "%,.2f%%", v.movePointRight(2).setScale(2, RoundingMode.HALF_UP));
    }

    /** A drawdown (a positive fraction) shown as the loss it is: "0.2" → "-20.00%". */
    static String drawdown(String decimal) {
        BigDecimal v = parse(decimal);
        return v == null ? Formats.MISSING : v.signum() == 0 ? "0.00%" : "-" + fraction(decimal);
    }

    /** A ratio with two decimals; "Infinity" (no losing trade) as ∞. */
    static String ratio(String decimal) {
        if ("Infinity".equals(decimal)) {
            return "∞";
        }
        BigDecimal v = parse(decimal);
        return v == null ? Formats.MISSING : String.format(Locale.US, "%,.2f", v.setScale(2, RoundingMode.HALF_UP));
    }

    static boolean negative(String decimal) {
        BigDecimal v = parse(decimal);
        return v != null && v.setScale(4, RoundingMode.HALF_UP).signum() < 0;
    }

    static BigDecimal parse(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(decimal.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
