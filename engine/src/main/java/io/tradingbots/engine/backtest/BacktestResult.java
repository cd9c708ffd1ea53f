package io.tradingbots.engine.backtest;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * What a backtest did: closed trades, the position still open at the end (or null), the final
 * equity, metrics for the strategy and for buy-and-hold over the same bars, and the equity curve
 * sampled to at most {@link BacktestRunner#CURVE_POINTS} points (time = bar open time, equity at its close).
 */
public record BacktestResult(String strategy, String params, int bars, long firstOpenTime, long lastOpenTime,
                             List<Trade> trades, OpenPosition openPosition, double finalEquity, Metrics metrics,
                             Metrics buyAndHold, long[] curveTimes, double[] curveEquity, String engine) {

    /**
     * The JSON of the contract: {@code {"trades":[{"entryTime":ms,"entryPrice":…,"exitTime":ms,"exitPrice":…,
     * "quantity":…,"profit":…}],"finalEquity":…,"metrics":{…}}}, plus the open position, buy-and-hold
     * metrics and the run's facts. Undefined figures (NaN, infinite) are null.
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("strategy", strategy);
        o.addProperty("params", params);
        o.addProperty("bars", bars);
        o.addProperty("firstOpenTime", firstOpenTime);
        o.addProperty("lastOpenTime", lastOpenTime);
        JsonArray ts = new JsonArray();
        for (Trade t : trades) {
            JsonObject j = new JsonObject();
            j.addProperty("entryTime", t.entryTime());
            j.add("entryPrice", num(t.entryPrice()));
            j.addProperty("exitTime", t.exitTime());
            j.add("exitPrice", num(t.exitPrice()));
            j.add("quantity", num(t.quantity()));
            j.add("profit", num(t.profit()));
            j.add("fees", num(t.fees()));
            ts.add(j);
        }
        o.add("trades", ts);
        if (openPosition != null) {
            JsonObject j = new JsonObject();
            j.addProperty("entryTime", openPosition.entryTime());
            j.add("entryPrice", num(openPosition.entryPrice()));
            j.add("quantity", num(openPosition.quantity()));
            j.add("markPrice", num(openPosition.markPrice()));
            j.add("unrealizedProfit", num(openPosition.unrealizedProfit()));
            o.add("openPosition", j);
        } else {
            o.add("openPosition", JsonNull.INSTANCE);
        }
        o.add("finalEquity", num(finalEquity));
        o.add("metrics", metricsJson(metrics));
        o.add("buyAndHold", buyAndHold == null ? JsonNull.INSTANCE : metricsJson(buyAndHold));
        return o;
    }

    public String toJsonText() {
        return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(toJson()) + "\n";
    }

    static JsonObject metricsJson(Metrics m) {
        JsonObject j = new JsonObject();
        j.add("finalEquity", num(m.finalEquity()));
        j.add("totalReturn", num(m.totalReturn()));
        j.add("annualizedReturn", num(m.annualizedReturn()));
        j.add("maxDrawdown", num(m.maxDrawdown()));
        j.add("sharpe", num(m.sharpe()));
        j.add("sortino", num(m.sortino()));
        j.add("winRate", num(m.winRate()));
        j.add("profitFactor", num(m.profitFactor()));
        j.add("exposure", num(m.exposure()));
        j.addProperty("trades", m.trades());
        j.add("feesPaid", num(m.feesPaid()));
        return j;
    }

    private static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }
}
