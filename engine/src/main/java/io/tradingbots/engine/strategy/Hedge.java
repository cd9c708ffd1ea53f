package io.tradingbots.engine.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.indicators.CachedIndicator;
import org.ta4j.core.indicators.helpers.ConstantIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * {@code hedge}: an overlay on another strategy ({@code base}) that cuts exposure to zero when the
 * portfolio's drawdown or the market's volatility crosses a threshold, and keeps it at zero for
 * a cool-down. The portfolio equity it watches is the fee-free, close-marked equity of the trades
 * the backtest actually filled (read from the trading record, so only fills up to the decision bar).
 */
public final class Hedge implements StrategyDef {

    static final List<String> BASES = List.of("sma-cross", "scalp", "momentum");

    private final Strategies registry;

    Hedge(Strategies registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "hedge";
    }

    @Override
    public String summary() {
        return "overlay on sma-cross, scalp or momentum (base=...): sells and stays out when portfolio drawdown "
                + "or volatility crosses a threshold";
    }

    private static List<ParamDef> own() {
        return List.of(ParamDef.choice("base", "sma-cross", BASES, "the strategy whose exposure is managed"),
                ParamDef.decimal("maxDrawdown", 0.10, 0.001, 0.99, "sell when the portfolio is this fraction under its peak"),
                ParamDef.integer("volWindow", 48, 2, 10_000, "bars of the volatility (std. dev. of close-to-close log returns)"),
                ParamDef.decimal("maxVolatility", 0.02, 0.00001, 1, "sell, and do not buy, while volatility per bar is above this"),
                ParamDef.integer("cooldown", 24, 0, 100_000, "bars without buying after a risk-off sell"));
    }

    @Override
    public List<ParamDef> params() {
        return params(Map.of());
    }

    @Override
    public List<ParamDef> params(Map<String, String> given) {
        List<ParamDef> all = new ArrayList<>(own());
        String base = given.getOrDefault("base", "sma-cross").trim();
        if (BASES.contains(base)) {
            all.addAll(registry.get(base).params());
        }
        return all;
    }

    private StrategyDef base(Params p) {
        return registry.get(p.text("base"));
    }

    private Params baseParams(Params p) {
        StrategyDef base = base(p);
        Map<String, String> m = new LinkedHashMap<>();
        for (ParamDef d : base.params()) {
            m.put(d.name(), p.text(d.name()));
        }
        return new Params(m);
    }

    @Override
    public void validate(Params p) {
        base(p).validate(baseParams(p));
    }

    @Override
    public int unstableBars(Params p) {
        return Math.max(base(p).unstableBars(baseParams(p)), p.integer("volWindow"));
    }

    @Override
    public Strategy build(StrategyInputs in, Params p) {
        Strategy base = base(p).build(in, baseParams(p));
        Risk risk = new Risk(in.series(), p.decimal("maxDrawdown"), p.integer("volWindow"), p.decimal("maxVolatility"),
                p.integer("cooldown"));
        // The risk rule is evaluated first on every exit check, so it sees each bar it triggers on.
        return new BaseStrategy("hedge(" + p + ")", base.getEntryRule().and(risk.entryAllowed()),
                risk.or(base.getExitRule()), unstableBars(p));
    }

    /** The base strategy's lines, then the volatility the overlay watches with its limit. */
    @Override
    public List<ChartIndicator> indicators(StrategyInputs in, Params p) {
        List<ChartIndicator> lines = new ArrayList<>(base(p).indicators(in, baseParams(p)));
        int window = p.integer("volWindow");
        lines.add(ChartIndicator.separate("volatility", "volatility " + window, new CachedIndicator<Num>(in.series()) {
            @Override
            protected Num calculate(int index) {
                return DoubleNum.valueOf(volatility(getBarSeries(), window, index));
            }

            @Override
            public int getUnstableBars() {
                return window;
            }
        }));
        lines.add(ChartIndicator.separate("volatility", "max volatility " + ChartIndicator.text(p.decimal("maxVolatility")),
                new ConstantIndicator<>(in.series(), DoubleNum.valueOf(p.decimal("maxVolatility")))));
        return lines;
    }

    /** Sample standard deviation of the last {@code window} close-to-close log returns ending at index; 0 before there are that many. */
    static double volatility(BarSeries series, int window, int index) {
        if (index < window) {
            return 0;
        }
        double sum = 0;
        double sumSq = 0;
        for (int j = index - window + 1; j <= index; j++) {
            double r = Math.log(series.getBar(j).getClosePrice().doubleValue()
                    / series.getBar(j - 1).getClosePrice().doubleValue());
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / window;
        return Math.sqrt(Math.max(0, (sumSq - window * mean * mean) / (window - 1)));
    }

    /** Risk-off: portfolio drawdown over the limit or volatility over the limit. */
    static final class Risk extends AbstractRule {
        private final BarSeries series;
        private final double maxDrawdown;
        private final int volWindow;
        private final double maxVolatility;
        private final int cooldown;
        // incremental fee-free equity of the filled trades, marked at the close
        private int marked = -1;
        private int tradesApplied;
        private double cash = 1;
        private double units;
        private double peak = 1;
        private double drawdown;
        private int lastRiskOff = Integer.MIN_VALUE / 2;

        Risk(BarSeries series, double maxDrawdown, int volWindow, double maxVolatility, int cooldown) {
            this.series = series;
            this.maxDrawdown = maxDrawdown;
            this.volWindow = volWindow;
            this.maxVolatility = maxVolatility;
            this.cooldown = cooldown;
        }

        @Override
        public boolean isSatisfied(int index, TradingRecord record) {
            boolean off = drawdownAt(index, record) > maxDrawdown || volatility(index) > maxVolatility;
            if (off && index > lastRiskOff) {
                lastRiskOff = index;
                peak = equity(index); // re-based: the cut is done, watch the next drawdown from here
            }
            return off;
        }

        AbstractRule entryAllowed() {
            return new AbstractRule() {
                @Override
                public boolean isSatisfied(int index, TradingRecord record) {
                    return index - lastRiskOff > cooldown && volatility(index) <= maxVolatility;
                }
            };
        }

        private double equity(int index) {
            double close = series.getBar(index).getClosePrice().doubleValue();
            return units > 0 ? units * close : cash;
        }

        private double drawdownAt(int index, TradingRecord record) {
            List<Trade> trades = record.getTrades();
            for (int j = marked + 1; j <= index; j++) {
                while (tradesApplied < trades.size() && trades.get(tradesApplied).getIndex() == j) {
                    Trade t = trades.get(tradesApplied++);
                    double price = t.getPricePerAsset().doubleValue();
                    if (t.isBuy()) {
                        units = cash / price;
                        cash = 0;
                    } else {
                        cash = units * price;
                        units = 0;
                    }
                }
                double e = equity(j);
                peak = Math.max(peak, e);
                drawdown = 1 - e / peak;
            }
            marked = Math.max(marked, index);
            return drawdown;
        }

        /** Sample standard deviation of the last volWindow close-to-close log returns ending at index. */
        double volatility(int index) {
            return Hedge.volatility(series, volWindow, index);
        }
    }
}
