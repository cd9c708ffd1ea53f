package io.tradingbots.engine.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A strategy's parameter values, every one checked and in canonical form, defaults filled in. */
public final class Params {

    private final Map<String, String> values;

    Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public int integer(String name) {
        return Integer.parseInt(get(name));
    }

    public double decimal(String name) {
        return Double.parseDouble(get(name));
    }

    public String text(String name) {
        return get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, String> asMap() {
        return values;
    }

    private String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no parameter " + name + " in " + values.keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code fast=10 slow=30}. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
