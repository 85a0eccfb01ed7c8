package org.effnas.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void linearTicksAreNiceAndCoverTheData() {
        Axis a = Axis.linear("acc", 0.812, 0.874, Axis::percent);
        assertTrue(a.min() <= 0.812 && a.max() >= 0.874);
        List<Double> ticks = a.ticks();
        assertTrue(ticks.size() >= 4 && ticks.size() <= 10, ticks.toString());
        double step = ticks.get(1) - ticks.get(0);
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-6), "step " + step);
        for (double t : ticks) {
            assertEquals(0, Math.abs(t / step - Math.rint(t / step)), 1e-6, "tick " + t + " is not a multiple of " + step);
        }
    }

    @Test
    void logTicksFollowOneTwoFive() {
        Axis a = Axis.logarithmic("macs", 3e6, 60e6, Axis::macs);
        assertTrue(a.ticks().containsAll(List.of(5e6, 10e6, 20e6, 50e6)), a.ticks().toString());
        assertEquals(0.0, a.map(a.min(), 0, 100), 1e-9);
        assertEquals(50.0, a.map(Math.sqrt(a.min() * a.max()), 0, 100), 1e-6);
    }

    @Test
    void degenerateRangeIsWidened() {
        Axis a = Axis.linear("x", 5, 5, Axis::plain);
        assertTrue(a.max() > a.min());
        Axis l = Axis.logarithmic("x", 1e6, 1e6, Axis::macs);
        assertTrue(l.max() > 1e6 && l.min() < 1e6);
    }

    @Test
    void labels() {
        assertEquals("12M", Axis.macs(12e6));
        assertEquals("1.5G", Axis.macs(1.5e9));
        assertEquals("87.5%", Axis.percent(0.875));
        assertEquals("9.8%", Axis.percent(0.09833));
        assertEquals("90%", Axis.percent(0.9));
    }
}
