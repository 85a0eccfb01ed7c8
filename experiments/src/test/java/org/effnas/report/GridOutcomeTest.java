package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridOutcomeTest {

    private static List<GridPoint> triple(double a, double b, double g, long macs, boolean winner, double... accs) {
        List<GridPoint> out = new ArrayList<>();
        for (double acc : accs) {
            Measurement m = SyntheticResults.measurement("g", acc, macs, "dl4j", false);
            out.add(new GridPoint(a, b, g, acc, Double.NaN, Double.NaN, winner, m));
        }
        return out;
    }

    @Test
    void equalMeansOnAFewImagesAreAFlaggedTieBrokenByMacs() {
        List<GridPoint> points = new ArrayList<>(triple(1.2, 1.1, 1.1, 9_000_000, false, 0.9722, 0.9722));
        points.addAll(triple(1.4, 1.0, 1.2, 8_000_000, true, 0.9722, 0.9722));
        points.addAll(triple(1.0, 1.2, 1.1, 9_500_000, false, 0.80, 0.81));
        List<GridTriple> ranked = GridTriple.of(points, 18);
        assertEquals(3, ranked.size(), "one row per triple");
        assertEquals(8_000_000, ranked.get(0).macs(), "equal means: fewer MACs first");
        GridOutcome o = GridOutcome.of(ranked).orElseThrow();
        assertEquals(1.4, o.winner().alpha());
        assertTrue(o.exactTie());
        assertTrue(o.withinNoise());
        assertEquals(0, o.margin(), 1e-12);
        assertEquals(2, o.winner().accuracy().seeds());
    }

    @Test
    void aClearMarginOnManyImagesIsNotWithinNoise() {
        List<GridPoint> points = new ArrayList<>(triple(1.2, 1.1, 1.1, 9_000_000, true, 0.95, 0.951));
        points.addAll(triple(1.4, 1.0, 1.2, 8_000_000, false, 0.90, 0.901));
        GridOutcome o = GridOutcome.of(GridTriple.of(points, 10_000)).orElseThrow();
        assertFalse(o.withinNoise());
        assertFalse(o.exactTie());
        assertEquals(0.05, o.margin(), 1e-9);
    }
}
