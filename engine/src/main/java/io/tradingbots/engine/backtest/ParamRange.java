package io.tradingbots.engine.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** {@code fast=5:50:5}: a parameter's values from, to (inclusive) and step, for sweeps. */
public record ParamRange(String name, BigDecimal from, BigDecimal to, BigDecimal step) {

    public static final int MAX_VALUES = 100_000;

    public ParamRange {
        if (step.signum() <= 0) {
            throw new IllegalArgumentException("range " + name + ": step must be > 0");
        }
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException("range " + name + ": " + to.toPlainString() + " is below " + from.toPlainString());
        }
        if (to.subtract(from).divide(step, java.math.RoundingMode.DOWN).compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw new IllegalArgumentException("range " + name + " has more than " + MAX_VALUES + " values");
        }
    }

    /** {@code NAME=FROM:TO[:STEP]}, step 1 by default; a single value {@code NAME=V} is a range of one. */
    public static ParamRange parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--range " + text + ": use NAME=FROM:TO[:STEP], e.g. fast=5:50:5");
        }
        String name = text.substring(0, eq).trim();
        String[] parts = text.substring(eq + 1).split(":");
        try {
            BigDecimal from = new BigDecimal(parts[0].trim());
            BigDecimal to = parts.length > 1 ? new BigDecimal(parts[1].trim()) : from;
            BigDecimal step = parts.length > 2 ? new BigDecimal(parts[2].trim()) : BigDecimal.ONE;
            if (parts.length > 3) {
                throw new NumberFormatException();
            }
            return new ParamRange(name, from, to, step);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--range " + text + ": use NAME=FROM:TO[:STEP] with numbers, e.g. fast=5:50:5");
        }
    }

    public List<String> values() {
        List<String> out = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            out.add(v.stripTrailingZeros().toPlainString());
        }
        return out;
    }
}
