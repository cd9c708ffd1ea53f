package io.tradingbots.engine.backtest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.db.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Backtest results in the {@code backtest_run} table ({@code V4__backtests.sql}): the request and
 * headline figures as columns, the whole result as JSON (the {@code tb backtest --json} contract
 * plus {@code engine} and the sampled {@code curve}; a profit factor with no losers is "Infinity").
 */
public final class BacktestStore {

    private final Database db;

    public BacktestStore(Database db) {
        this.db = db;
    }

    /** Stores a result of {@code spec} (its exchange resolved) and returns it with its id. */
    public StoredBacktest save(BacktestSpec spec, BacktestResult r, long createdAt) {
        String json = toJson(r).toString();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO backtest_run (created_at, exchange, symbol, timeframe,"
                     + " strategy, params, fee, capital, slippage_bps, second_exchange, first_open, last_open, bars,"
                     + " final_equity, total_return, hold_return, max_drawdown, sharpe, trades, result_json)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"ID"})) {
            s.setLong(1, createdAt);
            s.setString(2, spec.exchange());
            s.setString(3, spec.symbol());
            s.setString(4, spec.timeframe().label());
            s.setString(5, spec.strategy());
            s.setString(6, spec.params().toString());
            s.setBigDecimal(7, BigDecimal.valueOf(spec.fee()));
            s.setBigDecimal(8, BigDecimal.valueOf(spec.capital()));
            s.setBigDecimal(9, BigDecimal.valueOf(spec.slippageBps()));
            s.setString(10, spec.secondExchange());
            s.setLong(11, r.firstOpenTime());
            s.setLong(12, r.lastOpenTime());
            s.setInt(13, r.bars());
            s.setDouble(14, r.finalEquity());
            setFigure(s, 15, r.metrics().totalReturn());
            setFigure(s, 16, r.buyAndHold().totalReturn());
            setFigure(s, 17, r.metrics().maxDrawdown());
            setFigure(s, 18, r.metrics().sharpe());
            s.setInt(19, r.metrics().trades());
            s.setString(20, json);
            s.executeUpdate();
            long id;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            return new StoredBacktest(id, createdAt, spec.exchange(), spec.symbol(), spec.timeframe().label(), spec.strategy(),
                    spec.params().asMap(), spec.fee(), spec.capital(), spec.slippageBps(), spec.secondExchange(),
                    r.firstOpenTime(), r.lastOpenTime(), r.bars(), r.finalEquity(), r.metrics().totalReturn(),
                    r.buyAndHold().totalReturn(), r.metrics().maxDrawdown(), r.metrics().sharpe(), r.metrics().trades());
        } catch (SQLException e) {
            throw new EngineException("cannot store the backtest: " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "id, created_at, exchange, symbol, timeframe, strategy, params, fee, capital,"
            + " slippage_bps, second_exchange, first_open, last_open, bars, final_equity, total_return, hold_return,"
            + " max_drawdown, sharpe, trades";

    /** The newest {@code limit} results, newest first. */
    public List<StoredBacktest> list(int limit) {
        List<StoredBacktest> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM backtest_run ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read the stored backtests: " + e.getMessage(), e);
        }
        return out;
    }

    /** One result in full; NoSuchElementException for an unknown id. */
    public StoredBacktest.Full get(long id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no stored backtest " + id));
    }

    public Optional<StoredBacktest.Full> find(long id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", result_json FROM backtest_run WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredBacktest.Full(summary(rs), fromJson(rs.getString("result_json"))));
            }
        } catch (SQLException e) {
            throw new EngineException("cannot read stored backtest " + id + ": " + e.getMessage(), e);
        }
    }

    private static StoredBacktest summary(ResultSet rs) throws SQLException {
        return new StoredBacktest(rs.getLong("id"), rs.getLong("created_at"), rs.getString("exchange"), rs.getString("symbol"),
                rs.getString("timeframe"), rs.getString("strategy"), parseParams(rs.getString("params")),
                rs.getBigDecimal("fee").doubleValue(), rs.getBigDecimal("capital").doubleValue(),
                rs.getBigDecimal("slippage_bps").doubleValue(), rs.getString("second_exchange"), rs.getLong("first_open"),
                rs.getLong("last_open"), rs.getInt("bars"), rs.getDouble("final_equity"), figure(rs, "total_return"),
                figure(rs, "hold_return"), figure(rs, "max_drawdown"), figure(rs, "sharpe"), rs.getInt("trades"));
    }

    /** {@code fast=10 slow=30} (what {@link io.tradingbots.engine.strategy.Params#toString()} writes). */
    static Map<String, String> parseParams(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : text.trim().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return m;
    }

    private static void setFigure(PreparedStatement s, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            s.setDouble(i, v);
        } else {
            s.setNull(i, Types.DOUBLE);
        }
    }

    private static double figure(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** The contract JSON plus what a full result needs besides: the engine used and the equity curve. */
    static JsonObject toJson(BacktestResult r) {
        JsonObject o = r.toJson();
        o.addProperty("engine", r.engine());
        markInfinite(o.getAsJsonObject("metrics"), r.metrics());
        markInfinite(o.getAsJsonObject("buyAndHold"), r.buyAndHold());
        JsonArray times = new JsonArray(r.curveTimes().length);
        JsonArray equity = new JsonArray(r.curveEquity().length);
        for (int i = 0; i < r.curveTimes().length; i++) {
            times.add(r.curveTimes()[i]);
            equity.add(r.curveEquity()[i]);
        }
        JsonObject curve = new JsonObject();
        curve.add("time", times);
        curve.add("equity", equity);
        o.add("curve", curve);
        return o;
    }

    private static void markInfinite(JsonObject j, Metrics m) {
        if (Double.isInfinite(m.profitFactor())) {
            j.addProperty("profitFactor", m.profitFactor() > 0 ? "Infinity" : "-Infinity");
        }
    }

    static BacktestResult fromJson(String text) {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        List<Trade> trades = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("trades")) {
            JsonObject t = e.getAsJsonObject();
            trades.add(new Trade(t.get("entryTime").getAsLong(), num(t, "entryPrice"), t.get("exitTime").getAsLong(),
                    num(t, "exitPrice"), num(t, "quantity"), num(t, "profit"), num(t, "fees"), -1, -1));
        }
        OpenPosition open = null;
        if (o.get("openPosition").isJsonObject()) {
            JsonObject p = o.getAsJsonObject("openPosition");
            open = new OpenPosition(p.get("entryTime").getAsLong(), num(p, "entryPrice"), num(p, "quantity"), -1,
                    num(p, "markPrice"), num(p, "unrealizedProfit"));
        }
        JsonObject curve = o.getAsJsonObject("curve");
        JsonArray times = curve.getAsJsonArray("time");
        JsonArray equity = curve.getAsJsonArray("equity");
        long[] ct = new long[times.size()];
        double[] ce = new double[equity.size()];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = times.get(i).getAsLong();
            ce[i] = equity.get(i).getAsDouble();
        }
        return new BacktestResult(o.get("strategy").getAsString(), o.get("params").getAsString(), o.get("bars").getAsInt(),
                o.get("firstOpenTime").getAsLong(), o.get("lastOpenTime").getAsLong(), List.copyOf(trades), open,
                num(o, "finalEquity"), metrics(o.getAsJsonObject("metrics")), metrics(o.getAsJsonObject("buyAndHold")), ct, ce,
                o.get("engine").getAsString());
    }

    private static Metrics metrics(JsonObject j) {
        return new Metrics(num(j, "finalEquity"), num(j, "totalReturn"), num(j, "annualizedReturn"), num(j, "maxDrawdown"),
                num(j, "sharpe"), num(j, "sortino"), num(j, "winRate"), num(j, "profitFactor"), num(j, "exposure"),
                j.get("trades").getAsInt(), num(j, "feesPaid"));
    }

    private static double num(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return switch (p.getAsString()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(p.getAsString());
            };
        }
        return p.getAsDouble();
    }
}
