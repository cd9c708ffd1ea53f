package io.tradingbots.desktop.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    @Test
    void latestShowsTheNewestCandlesAndTheVisibleIndexRange() {
        Viewport v = Viewport.latest(100_000, 240);
        assertThat(v.first()).isEqualTo(99_760);
        assertThat(v.span()).isEqualTo(240);
        assertThat(v.from()).isEqualTo(99_760);
        assertThat(v.to()).isEqualTo(100_000);
        Viewport fractional = new Viewport(10.4, 20.2, 100);
        assertThat(fractional.from()).isEqualTo(10);
        assertThat(fractional.to()).isEqualTo(31); // candle 30 is partly visible
    }

    @Test
    void zoomKeepsTheCandleUnderTheAnchorInPlace() {
        Viewport v = new Viewport(1_000, 400, 100_000);
        double anchor = 0.25;
        double before = v.first() + anchor * v.span();
        Viewport in = v.zoom(0.5, anchor);
        assertThat(in.span()).isEqualTo(200);
        assertThat(in.first() + anchor * in.span()).isCloseTo(before, within(1e-9));
        Viewport out = v.zoom(4, anchor);
        assertThat(out.span()).isEqualTo(1_600);
        assertThat(out.first() + anchor * out.span()).isCloseTo(before, within(1e-9));
        // the candle under pixel 300 of 1200 stays the same candle
        assertThat(in.indexAt(300, 1_200)).isEqualTo(v.indexAt(300, 1_200));
    }

    @Test
    void zoomIsClampedBetweenTwentyCandlesAndAllOfThem() {
        Viewport v = new Viewport(500, 100, 1_000);
        assertThat(v.zoom(0.001, 0.5).span()).isEqualTo(Viewport.MIN_SPAN);
        Viewport all = v.zoom(1_000, 0.5);
        assertThat(all.span()).isEqualTo(1_000);
        assertThat(all.first()).isZero();
        // fewer candles than the minimum span: all of them, whatever the zoom
        Viewport few = new Viewport(0, 5, 7).zoom(0.1, 0.5);
        assertThat(few.span()).isEqualTo(7);
        assertThat(few.first()).isZero();
        assertThat(new Viewport(3, 10, 0).span()).isEqualTo(1);
    }

    @Test
    void panAndDragStopAtBothEnds() {
        Viewport v = new Viewport(100, 200, 10_000);
        assertThat(v.pan(-50).first()).isEqualTo(50);
        assertThat(v.pan(-500).first()).isZero();
        assertThat(v.pan(1_000_000).first()).isEqualTo(9_800);
        // dragging right by half the plot shows older candles, half a span back
        assertThat(v.drag(600, 1_200).first()).isEqualTo(0);
        assertThat(new Viewport(5_000, 200, 10_000).drag(600, 1_200).first()).isEqualTo(4_900);
        assertThat(new Viewport(5_000, 200, 10_000).drag(-300, 1_200).first()).isEqualTo(5_050);
    }

    @Test
    void pixelAndIndexMapsAreInverse() {
        Viewport v = new Viewport(1_000, 600, 100_000);
        assertThat(v.x(1_000, 1_200)).isZero();
        assertThat(v.x(1_300, 1_200)).isEqualTo(600);
        assertThat(v.indexAt(600, 1_200)).isEqualTo(1_300);
        assertThat(v.indexAt(601, 1_200)).isEqualTo(1_300);
        assertThat(v.indexAt(-50, 1_200)).isEqualTo(975);
        assertThat(new Viewport(0, 50, 50).indexAt(5_000, 100)).isEqualTo(49);
        assertThat(v.candlesPerPixel(1_200)).isEqualTo(0.5);
    }
}
