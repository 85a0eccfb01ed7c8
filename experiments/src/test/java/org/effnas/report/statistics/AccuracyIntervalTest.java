package org.effnas.report.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyIntervalTest {

    private static void inside(AccuracyInterval a, String what) {
        assertTrue(a.hasInterval(), what);
        assertTrue(0 <= a.low() && a.low() <= a.mean() && a.mean() <= a.high() && a.high() <= 1,
                what + ": [" + a.low() + ", " + a.high() + "] around " + a.mean());
    }

    @Test
    void wilsonStaysInsideZeroOneForEveryCountUpToTwenty() {
        for (int n = 1; n <= 20; n++) {
            for (int k = 0; k <= n; k++) {
                AccuracyInterval a = AccuracyInterval.of(List.of(k / (double) n), n);
                assertEquals(IntervalMethod.WILSON, a.method());
                inside(a, k + "/" + n);
                assertTrue(a.high() - a.low() > 0, "one evaluation is never exact: " + k + "/" + n);
            }
        }
    }

    @Test
    void seedIntervalsStayInsideZeroOneForEveryCountUpToTwenty() {
        // the case: 2 seeds on an 18-image minival gave 61.93% - 132.52% before
        for (int n = 1; n <= 20; n++) {
            for (int k = 0; k <= n; k++) {
                for (int seeds = 2; seeds <= 4; seeds++) {
                    List<Double> acc = new ArrayList<>();
                    for (int s = 0; s < seeds; s++) {
                        acc.add(Math.max(0, Math.min(n, k - s)) / (double) n);
                    }
                    AccuracyInterval a = AccuracyInterval.of(acc, n);
                    assertEquals(IntervalMethod.T_CLIPPED, a.method());
                    assertEquals(seeds, a.seeds());
                    inside(a, acc + " of " + n);
                }
            }
        }
    }

    @Test
    void equalSeedsAreNotExact() {
        AccuracyInterval a = AccuracyInterval.of(List.of(35 / 36.0, 35 / 36.0), 18);
        inside(a, "two equal seeds");
        assertTrue(a.low() < 0.9, "as wide as the pooled Wilson interval, got " + a.low());
    }

    @Test
    void unknownCountGivesNoIntervalForOneEvaluation() {
        AccuracyInterval a = AccuracyInterval.of(List.of(0.8), 0);
        assertFalse(a.hasInterval());
        assertEquals(IntervalMethod.NONE, a.method());
        assertEquals("n unknown", a.countText());
        assertFalse(AccuracyInterval.of(List.of(), 100).measured());
    }

    @Test
    void overlapIsTheTieFlag() {
        AccuracyInterval a = AccuracyInterval.of(List.of(0.9722, 0.9722), 18);
        AccuracyInterval b = AccuracyInterval.of(List.of(0.9444, 0.9722), 18);
        assertTrue(a.overlaps(b), "18 images cannot tell these apart");
        AccuracyInterval big1 = AccuracyInterval.of(List.of(0.95), 10_000);
        AccuracyInterval big2 = AccuracyInterval.of(List.of(0.90), 10_000);
        assertFalse(big1.overlaps(big2), "10,000 images can");
    }
}
