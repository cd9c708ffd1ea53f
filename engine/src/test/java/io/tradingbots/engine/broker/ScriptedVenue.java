package io.tradingbots.engine.broker;

import io.tradingbots.engine.order.Order;
import io.tradingbots.engine.order.SymbolFilters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A live-looking venue whose records the test writes: what recovery finds there. */
final class ScriptedVenue implements Broker {
    final Map<String, VenueOrder> orders = new LinkedHashMap<>();
    final Map<String, BigDecimal> balances = new HashMap<>();
    RuntimeException placeFailure;
    long window = 5_000;

    @Override
    public String venue() {
        return "binanceus";
    }

    @Override
    public boolean isLive() {
        return true;
    }

    @Override
    public SymbolFilters filters(String symbol) {
        return SymbolFilters.none(symbol);
    }

    @Override
    public BigDecimal takerFee() {
        return new BigDecimal("0.001");
    }

    @Override
    public VenueOrder place(Order order) {
        if (placeFailure != null) {
            throw placeFailure;
        }
        throw new UnsupportedOperationException("the test scripts the venue");
    }

    @Override
    public Optional<VenueOrder> find(String symbol, String clientOrderId) {
        return Optional.ofNullable(orders.get(clientOrderId));
    }

    @Override
    public VenueOrder cancel(String symbol, String clientOrderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<VenueOrder> openOrders(String symbol) {
        List<VenueOrder> out = new ArrayList<>();
        orders.values().stream().filter(v -> v.status().isOpen()).forEach(out::add);
        return out;
    }

    @Override
    public Map<String, BigDecimal> balances() {
        return balances;
    }

    @Override
    public long acceptanceWindowMs() {
        return window;
    }
}
