package io.tradingbots.desktop.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesTest {

    private static List<CurvePoint> curve(double... values) {
        List<CurvePoint> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new CurvePoint(i * 1000L, values[i]));
        }
        return out;
    }

    @Test
    void returnAndDrawdownAreInPercentOfTheStartAndOfTheRunningPeak() {
        List<CurvePoint> equity = curve(1000, 1050, 945, 1102.5);

        assertThat(Curves.returnPercent(equity)).extracting(CurvePoint::value)
                .satisfiesExactly(v -> assertThat(v).isEqualTo(0.0), v -> assertThat(v).isCloseTo(5, within(1e-9)),
                        v -> assertThat(v).isCloseTo(-5.5, within(1e-9)), v -> assertThat(v).isCloseTo(10.25, within(1e-9)));
        assertThat(Curves.drawdownPercent(equity)).extracting(CurvePoint::value)
                .satisfiesExactly(v -> assertThat(v).isEqualTo(0.0), v -> assertThat(v).isEqualTo(0.0),
                        v -> assertThat(v).isCloseTo(-10, within(1e-9)), v -> assertThat(v).isEqualTo(0.0));
        assertThat(Curves.maxDrawdown(equity)).isCloseTo(0.10, within(1e-12));
        assertThat(Curves.maxDrawdown(curve(1, 2, 3))).isZero();
    }

    @Test
    void aShortCurveIsKeptAsIs() {
        List<CurvePoint> c = curve(1, 2, 3);
        assertThat(Curves.downsample(c, Curves.MAX_POINTS)).isSameAs(c);
    }

    @Test
    void downsamplingKeepsTheEndsTheExtremesAndTheTimeOrder() {
        int n = 100_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1000 + 100 * Math.sin(i / 500.0);
        }
        values[12_345] = 5000; // a spike
        values[77_777] = 10;   // a crash
        List<CurvePoint> c = curve(values);

        List<CurvePoint> small = Curves.downsample(c, Curves.MAX_POINTS);

        assertThat(small.size()).isLessThanOrEqualTo(Curves.MAX_POINTS).isGreaterThan(Curves.MAX_POINTS - 10);
        assertThat(small.get(0)).isEqualTo(c.get(0));
        assertThat(small.get(small.size() - 1)).isEqualTo(c.get(n - 1));
        assertThat(small).contains(c.get(12_345), c.get(77_777));
        assertThat(small).extracting(CurvePoint::time).isSorted();
        assertThat(Curves.maxDrawdown(small)).isEqualTo(Curves.maxDrawdown(c));
    }
}
