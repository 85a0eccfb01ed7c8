package org.effnas.report.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

class GridHeatmapChartTest {

    private static final List<GridHeatmapChart.Cell> CELLS = List.of(
            new GridHeatmapChart.Cell(1.0, 1.1, 1.2, 0.81, 2), new GridHeatmapChart.Cell(1.2, 1.1, 1.1, 0.86, 2),
            new GridHeatmapChart.Cell(1.4, 1.0, 1.2, 0.84, 2), new GridHeatmapChart.Cell(1.2, 1.2, 1.0, 0.83, 1));

    /** A grid under three rungs: each triple's highest rung and the steps it was trained for. */
    private static final List<GridHeatmapChart.Cell> UNDER_RUNGS = List.of(
            new GridHeatmapChart.Cell(1.0, 1.1, 1.2, 0.52, 3, 0, 30), new GridHeatmapChart.Cell(1.2, 1.1, 1.1, 0.88, 3, 2, 270),
            new GridHeatmapChart.Cell(1.4, 1.0, 1.2, 0.71, 3, 1, 90), new GridHeatmapChart.Cell(1.2, 1.2, 1.0, 0.49, 3, 0, 30));

    @Test
    void oneCellPerTripleWithItsValueAndTheWinnerOutlined() {
        GridHeatmapChart chart = new GridHeatmapChart("grid", "caption", CELLS, CELLS.get(1));
        HeatMapChart drawn = chart.draw();
        HeatMapSeries s = drawn.getHeatMapSeries();
        assertEquals(CELLS.size(), s.getHeatData().size(), "one cell per triple");
        for (GridHeatmapChart.Cell c : CELLS) {
            int[] p = chart.position(c);
            Number[] cell = null;
            for (Number[] h : s.getHeatData()) {
                if (h[0].intValue() == p[0] && h[1].intValue() == p[1]) {
                    cell = h;
                }
            }
            assertTrue(cell != null, c.key());
            assertEquals(c.value(), cell[2].doubleValue(), 1e-12, c.key());
            assertEquals("" + (c.alpha() == 1.0 ? "1" : c.alpha()), s.getXData().get(p[0]), "column is alpha");
        }
        assertEquals(List.of(1.0, 1.2, 1.4), chart.columns());
        assertEquals(List.of("gamma 1, beta 1.2", "gamma 1.1, beta 1.1", "gamma 1.2, beta 1", "gamma 1.2, beta 1.1"),
                chart.rows());
        List<CellOutline> outlines = CellOutline.of(drawn);
        assertEquals(1, outlines.size(), "the winner is outlined");
        assertArrayEquals(chart.position(CELLS.get(1)), outlines.get(0).cell());
        assertTrue(chart.png().length > 1000);
    }

    @Test
    void underRungsEveryTripleShowsItsHighestRungAndItsLabelSaysTheSteps() {
        List<GridHeatmapChart.Cell> cells = UNDER_RUNGS;
        GridHeatmapChart chart = new GridHeatmapChart("grid", "caption", cells, cells.get(1));
        assertTrue(chart.rungsMarked());
        HeatMapChart drawn = chart.draw();
        assertEquals(cells.size(), drawn.getHeatMapSeries().getHeatData().size(), "every triple has its cell");
        assertTrue(!drawn.getStyler().isShowValue(), "the labels replace XChart's bare values");
        List<CellLabel> labels = CellLabel.of(drawn);
        assertEquals(cells.size(), labels.size());
        for (GridHeatmapChart.Cell c : cells) {
            CellLabel l = labels.stream().filter(x -> Arrays.equals(x.cell(), chart.position(c))).findFirst()
                    .orElseThrow();
            assertEquals(List.of(org.effnas.report.NumberText.percent(c.value()), c.steps() + " steps"), l.lines());
        }
        assertArrayEquals(chart.position(cells.get(1)), CellOutline.of(drawn).get(0).cell(), "the winner outlined");
        assertTrue(chart.png().length > 1000);
        // one rung only: XChart's own value labels, no step marks
        GridHeatmapChart plain = new GridHeatmapChart("grid", "caption", CELLS, null);
        assertTrue(!plain.rungsMarked() && CellLabel.of(plain.draw()).isEmpty());
    }

    @Test
    void paintedLabelsTileThePlotWithRowZeroAtTheBottomAndTheOutlineFramesTheWinnersCell() {
        List<GridHeatmapChart.Cell> cells = UNDER_RUNGS;
        GridHeatmapChart chart = new GridHeatmapChart("grid", "caption", cells, cells.get(1));
        HeatMapChart drawn = chart.draw();
        BitmapEncoder.getBufferedImage(drawn); // painting places the annotations
        List<CellLabel> labels = CellLabel.of(drawn);
        Rectangle2D first = labels.get(0).getBounds();
        for (CellLabel a : labels) {
            Rectangle2D r = a.getBounds();
            assertEquals(first.getWidth(), r.getWidth(), 1e-9, "equal cells");
            assertEquals(first.getHeight(), r.getHeight(), 1e-9, "equal cells");
            for (CellLabel b : labels) {
                if (a == b) {
                    continue;
                }
                Rectangle2D q = b.getBounds();
                Rectangle2D overlap = r.createIntersection(q);
                assertTrue(overlap.isEmpty() || overlap.getWidth() * overlap.getHeight() < 1e-6, "cells do not overlap");
                assertEquals(Integer.compare(a.cell()[0], b.cell()[0]), Integer.compare((int) r.getX(), (int) q.getX()),
                        "columns left to right");
                assertEquals(Integer.compare(b.cell()[1], a.cell()[1]), Integer.compare((int) r.getY(), (int) q.getY()),
                        "row 0 at the bottom");
            }
        }
        CellLabel winner = labels.stream().filter(l -> Arrays.equals(l.cell(), chart.position(cells.get(1))))
                .findFirst().orElseThrow();
        assertEquals(winner.getBounds(), CellOutline.of(drawn).get(0).getBounds(), "the outline frames the winner's cell");
        assertThrows(IllegalArgumentException.class, () -> new CellOutline(3, 0, 3, 4), "a cell outside the heatmap");
    }

    @Test
    void aTripleTwiceOrAForeignWinnerIsRefused() {
        List<GridHeatmapChart.Cell> twice = List.of(CELLS.get(0), new GridHeatmapChart.Cell(1.0, 1.1, 1.2000000001, 0.8, 1));
        assertThrows(IllegalArgumentException.class, () -> new GridHeatmapChart("t", "c", twice, null));
        assertThrows(IllegalArgumentException.class, () -> new GridHeatmapChart("t", "c", CELLS.subList(0, 2),
                CELLS.get(3)));
    }

}
