package io.tradingbots.engine.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.Strategy;

/** The registry of named strategies: look-up, parameter checking and building. */
public final class Strategies {

    private static final Strategies DEFAULT = new Strategies();

    private final Map<String, StrategyDef> defs = new LinkedHashMap<>();

    private Strategies() {
        add(new SmaCross());
        add(new Scalp());
        add(new Momentum());
        add(new Arbitrage());
        add(new Hedge(this));
    }

    public static Strategies registry() {
        return DEFAULT;
    }

    private void add(StrategyDef d) {
        defs.put(d.name(), d);
    }

    public List<StrategyDef> all() {
        return List.copyOf(defs.values());
    }

    public List<String> names() {
        return List.copyOf(defs.keySet());
    }

    public StrategyDef get(String name) {
        StrategyDef d = defs.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "': use one of " + names());
        }
        return d;
    }

    /**
     * Checks raw values (name = text) against the strategy's definitions: an unknown name, a value
     * out of range or an inconsistent combination is a one-line IllegalArgumentException.
     * Missing values take their defaults.
     */
    public Params resolve(String name, Map<String, String> given) {
        StrategyDef d = get(name);
        List<ParamDef> defsOf = d.params(given);
        for (String k : given.keySet()) {
            if (defsOf.stream().noneMatch(p -> p.name().equals(k))) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' for " + name + ": use "
                        + defsOf.stream().map(ParamDef::name).toList());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ParamDef p : defsOf) {
            String raw = given.get(p.name());
            values.put(p.name(), raw == null ? p.check(name, p.defaultValue()) : p.check(name, raw));
        }
        Params params = new Params(values);
        d.validate(params);
        return params;
    }

    /**
     * Checks one value of one parameter on its own (name known, in range, right kind), given the
     * other raw values (an overlay's parameters depend on its base): what a sweep checks for every
     * value of a range before it runs, so a mistyped range is an error and not a skipped combination.
     */
    public void checkValue(String name, Map<String, String> given, String param, String value) {
        StrategyDef d = get(name);
        List<ParamDef> defsOf = d.params(given);
        ParamDef def = defsOf.stream().filter(p -> p.name().equals(param)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown parameter '" + param + "' for " + name + ": use "
                        + defsOf.stream().map(ParamDef::name).toList()));
        def.check(name, value);
    }

    public Strategy build(String name, StrategyInputs in, Params p) {
        return get(name).build(in, p);
    }
}
