package io.tradingbots.engine.bot;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.tradingbots.engine.EngineException;
import io.tradingbots.engine.market.Timeframe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plan file, {@code <data-dir>/bots.json} (docs/bots.md). Unknown keys, wrong types and bad
 * values are refused with a one-line message naming the key; amounts may be JSON numbers or
 * decimal strings. {@link #write} replaces the file atomically, so a crash leaves the old or the
 * new plan, never half of one.
 */
public final class BotPlanFile {

    public static final String FILE_NAME = "bots.json";
    private static final Set<String> TOP_KEYS = Set.of("capital", "bots", "agent", "risk");
    private static final Set<String> AGENT_KEYS = Set.of("enabled", "step", "minCandles", "defaultCap", "caps");
    private static final Set<String> BOT_KEYS = Set.of("id", "name", "strategy", "params", "symbol", "timeframe", "share", "status");

    private BotPlanFile() {}

    /** The plan in {@code file}, or null when there is no such file. {@code capital} is used when the file names none. */
    public static BotPlan readIfExists(Path file, BigDecimal capital) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new EngineException("cannot read the bot plan " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text, capital);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static BotPlan parse(String text, BigDecimal defaultCapital) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the plan must be a JSON object with \"bots\" (and optionally \"capital\")");
        }
        JsonObject top = root.getAsJsonObject();
        unknownKeys(top, TOP_KEYS, "");
        BigDecimal capital = top.has("capital") ? decimal(top.get("capital"), "capital") : defaultCapital;
        JsonElement botsEl = top.get("bots");
        if (botsEl == null || !botsEl.isJsonArray()) {
            throw new IllegalArgumentException("\"bots\" must be a list of bots");
        }
        List<BotSpec> bots = new ArrayList<>();
        JsonArray arr = botsEl.getAsJsonArray();
        for (int i = 0; i < arr.size(); i++) {
            String where = "bots[" + i + "]";
            if (!arr.get(i).isJsonObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            JsonObject o = arr.get(i).getAsJsonObject();
            String id = text(o, "id", where, null);
            where = "bot " + (id == null ? where : id);
            unknownKeys(o, BOT_KEYS, where + ": ");
            if (id == null) {
                throw new IllegalArgumentException(where + ": \"id\" is missing");
            }
            Map<String, String> params = new LinkedHashMap<>();
            JsonElement p = o.get("params");
            if (p != null && !p.isJsonNull()) {
                if (!p.isJsonObject()) {
                    throw new IllegalArgumentException(where + ": \"params\" must be an object of name: value");
                }
                for (var e : p.getAsJsonObject().entrySet()) {
                    if (!e.getValue().isJsonPrimitive()) {
                        throw new IllegalArgumentException(where + ": params." + e.getKey() + " must be a number or a string");
                    }
                    params.put(e.getKey(), e.getValue().getAsString());
                }
            }
            String strategy = required(o, "strategy", where);
            String symbol = required(o, "symbol", where).toUpperCase(Locale.ROOT);
            Timeframe tf;
            try {
                tf = Timeframe.parse(required(o, "timeframe", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (!o.has("share")) {
                throw new IllegalArgumentException(where + ": \"share\" (percent of the capital) is missing");
            }
            BigDecimal share = decimal(o.get("share"), where + ": share");
            String status = text(o, "status", where, "running");
            bots.add(new BotSpec(id, text(o, "name", where, null), strategy, params, symbol, tf, share,
                    BotSpec.Desired.parse(status, id)));
        }
        return new BotPlan(capital, bots);
    }

    /** The {@code "agent"} section of the plan file: disabled when the file or the section is absent. */
    public static io.tradingbots.engine.agent.AgentSettings readAgent(Path file) {
        return readSection(file, BotPlanFile::parseAgent, io.tradingbots.engine.agent.AgentSettings.disabled());
    }

    /** Parses the file's text with {@code parse}; {@code absent} when there is no file; errors name the file. */
    private static <T> T readSection(Path file, java.util.function.Function<String, T> parse, T absent) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return absent;
        } catch (IOException e) {
            throw new EngineException("cannot read the bot plan " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The top-level member {@code name} of the plan's JSON text, or null when absent. */
    private static JsonElement section(String text, String name) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
        }
        JsonElement e = root.isJsonObject() ? root.getAsJsonObject().get(name) : null;
        return e == null || e.isJsonNull() ? null : e;
    }

    public static io.tradingbots.engine.agent.AgentSettings parseAgent(String text) {
        JsonElement a = section(text, "agent");
        if (a == null) {
            return io.tradingbots.engine.agent.AgentSettings.disabled();
        }
        if (!a.isJsonObject()) {
            throw new IllegalArgumentException("\"agent\" must be an object");
        }
        JsonObject o = a.getAsJsonObject();
        unknownKeys(o, AGENT_KEYS, "agent: ");
        var d = io.tradingbots.engine.agent.AgentSettings.enabledDefaults();
        JsonElement en = o.get("enabled");
        if (en != null && !(en.isJsonPrimitive() && en.getAsJsonPrimitive().isBoolean())) {
            throw new IllegalArgumentException("agent: \"enabled\" must be true or false");
        }
        boolean enabled = en != null && en.getAsBoolean();
        double step = o.has("step") ? decimal(o.get("step"), "agent: step").doubleValue() : d.stepPoints();
        BigDecimal min = o.has("minCandles") ? decimal(o.get("minCandles"), "agent: minCandles") : BigDecimal.valueOf(d.minCandles());
        if (min.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("agent: minCandles must be a whole number, got " + min.toPlainString());
        }
        double defaultCap = o.has("defaultCap") ? decimal(o.get("defaultCap"), "agent: defaultCap").doubleValue() : d.defaultCap();
        Map<String, Double> caps = new LinkedHashMap<>();
        JsonElement c = o.get("caps");
        if (c != null && !c.isJsonNull()) {
            if (!c.isJsonObject()) {
                throw new IllegalArgumentException("agent: \"caps\" must be an object of bot id: percent");
            }
            for (var e : c.getAsJsonObject().entrySet()) {
                caps.put(e.getKey(), decimal(e.getValue(), "agent: caps." + e.getKey()).doubleValue());
            }
        }
        return new io.tradingbots.engine.agent.AgentSettings(enabled, step, min.intValueExact(), defaultCap, caps);
    }

    /** The {@code "risk"} section of the plan file (docs/risk.md), or null when the file or the section is absent. */
    public static io.tradingbots.engine.risk.RiskConfig readRisk(Path file) {
        return readSection(file, BotPlanFile::parseRisk, null);
    }

    public static io.tradingbots.engine.risk.RiskConfig parseRisk(String text) {
        JsonElement r = section(text, "risk");
        if (r == null) {
            return null;
        }
        if (!r.isJsonObject()) {
            throw new IllegalArgumentException("\"risk\" must be an object of limit: value");
        }
        JsonObject o = r.getAsJsonObject();
        unknownKeys(o, io.tradingbots.engine.risk.RiskConfig.KEYS, "risk: ");
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (var e : o.entrySet()) {
            values.put(e.getKey(), decimal(e.getValue(), "risk: " + e.getKey()));
        }
        return new io.tradingbots.engine.risk.RiskConfig(values);
    }

    public static String format(BotPlan plan) {
        return format(plan, null);
    }

    private static String format(BotPlan plan, JsonObject kept) {
        JsonObject top = new JsonObject();
        top.add("capital", new JsonPrimitive(plan.capital().stripTrailingZeros().toPlainString()));
        JsonArray bots = new JsonArray();
        for (BotSpec b : plan.bots()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", b.id());
            o.addProperty("name", b.name());
            o.addProperty("strategy", b.strategy());
            JsonObject p = new JsonObject();
            b.params().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> p.addProperty(e.getKey(), e.getValue()));
            o.add("params", p);
            o.addProperty("symbol", b.symbol());
            o.addProperty("timeframe", b.timeframe().label());
            o.addProperty("share", b.sharePercent().stripTrailingZeros().toPlainString());
            o.addProperty("status", b.desired().name().toLowerCase(Locale.ROOT));
            bots.add(o);
        }
        top.add("bots", bots);
        if (kept != null) {
            kept.entrySet().forEach(e -> top.add(e.getKey(), e.getValue()));
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(top) + "\n";
    }

    /** Replaces {@code file} with the plan: written next to it, then moved over it atomically. */
    public static void write(Path file, BotPlan plan) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, format(plan, operatorSections(file)), StandardCharsets.UTF_8);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EngineException("cannot write the bot plan " + file + ": " + e.getMessage(), e);
        }
    }

    /** The operator's "agent" and "risk" sections of the file being replaced, kept as written. */
    private static JsonObject operatorSections(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                return null;
            }
            JsonObject kept = new JsonObject();
            for (String k : List.of("agent", "risk")) {
                JsonElement e = root.getAsJsonObject().get(k);
                if (e != null) {
                    kept.add(k, e);
                }
            }
            return kept;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static void unknownKeys(JsonObject o, Set<String> allowed, String where) {
        for (String k : o.keySet()) {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(where + "unknown key \"" + k + "\" (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static String required(JsonObject o, String key, String where) {
        String v = text(o, key, where, null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" is missing");
        }
        return v.strip();
    }

    private static String text(JsonObject o, String key, String where, String def) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return def;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string");
        }
        return e.getAsString();
    }

    private static BigDecimal decimal(JsonElement e, String what) {
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException(what + " must be a number or a decimal string");
        }
        try {
            return new BigDecimal(e.getAsString().strip());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(what + " '" + e.getAsString() + "' is not a number");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
