package org.effnas.report.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * Small multiples of a value over two coefficients, one panel per value of a third: the compound
 * scaling grid as accuracy over alpha (columns) and beta (rows), one panel per gamma, the winning
 * triple outlined. Cells with no measurement stay blank.
 */
public record HeatmapChart(String name, String title, String subtitle, boolean surrogate,
                           String valueLabel, DoubleFunction<String> format, List<Cell> cells,
                           Cell winner) implements Chart {

    /** One measured triple; {@code value} is NaN when every run of it failed. */
    public record Cell(double alpha, double beta, double gamma, double value) {
    }

    public HeatmapChart {
        cells = List.copyOf(cells);
    }

    private static final int PANEL_GAP = 36;
    private static final int MAX_COLUMNS = 3;

    @Override
    public BufferedImage render() {
        TreeSet<Double> gammas = new TreeSet<>();
        TreeSet<Double> alphas = new TreeSet<>();
        TreeSet<Double> betas = new TreeSet<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Cell cell : cells) {
            gammas.add(round(cell.gamma()));
            alphas.add(round(cell.alpha()));
            betas.add(round(cell.beta()));
            if (Double.isFinite(cell.value())) {
                lo = Math.min(lo, cell.value());
                hi = Math.max(hi, cell.value());
            }
        }
        int panels = Math.max(1, gammas.size());
        int columns = Math.min(MAX_COLUMNS, panels);
        int rows = (panels + columns - 1) / columns;
        int width = 960;
        int legendWidth = 90;
        double panelWidth = (width - 70 - legendWidth - (columns - 1) * PANEL_GAP) / (double) columns;
        double cellSize = Math.min(64, Math.min(panelWidth / Math.max(1, alphas.size()), 300.0 / Math.max(1, betas.size())));
        double gridW = cellSize * Math.max(1, alphas.size());
        double gridH = cellSize * Math.max(1, betas.size());
        double panelHeight = gridH + 86;
        int height = (int) (ChartCanvas.HEADER + 20 + rows * panelHeight + 20);
        ChartCanvas c = new ChartCanvas(width, Math.max(height, 360), title, subtitle, surrogate);
        if (cells.isEmpty()) {
            c.g.setFont(ChartCanvas.LABEL);
            c.g.setColor(Palette.GREY);
            c.centred("no grid results", width / 2.0, 200);
            return c.finish();
        }
        int index = 0;
        for (double gamma : gammas) {
            int col = index % columns;
            int row = index / columns;
            double x0 = 70 + col * (panelWidth + PANEL_GAP) + (panelWidth - gridW) / 2;
            double y0 = ChartCanvas.HEADER + 34 + row * panelHeight;
            drawPanel(c, gamma, alphas, betas, x0, y0, cellSize, lo, hi, col == 0);
            index++;
        }
        drawColourBar(c, width - legendWidth + 20, ChartCanvas.HEADER + 34, Math.min(260, rows * panelHeight - 60), lo, hi);
        return c.finish();
    }

    private void drawPanel(ChartCanvas c, double gamma, TreeSet<Double> alphas, TreeSet<Double> betas,
                           double x0, double y0, double size, double lo, double hi, boolean firstColumn) {
        List<Double> as = List.copyOf(alphas);
        List<Double> bs = List.copyOf(betas.descendingSet());
        c.g.setFont(ChartCanvas.LABEL);
        c.g.setColor(Palette.INK);
        c.centred("gamma = " + Axis.plain(gamma), x0 + size * as.size() / 2, y0 - 8);
        for (Cell cell : cells) {
            if (round(cell.gamma()) != gamma) {
                continue;
            }
            int i = as.indexOf(round(cell.alpha()));
            int j = bs.indexOf(round(cell.beta()));
            Rectangle2D r = new Rectangle2D.Double(x0 + i * size, y0 + j * size, size, size);
            Color fill = Double.isFinite(cell.value()) ? Palette.ramp(hi > lo ? (cell.value() - lo) / (hi - lo) : 1)
                    : new Color(0xDDDDDD);
            c.g.setColor(fill);
            c.g.fill(r);
            c.solid(Color.WHITE, 1.5f);
            c.g.draw(r);
            c.g.setFont(size >= 48 ? ChartCanvas.TICK : ChartCanvas.SMALL);
            c.g.setColor(Palette.textOn(fill));
            FontMetrics fm = c.g.getFontMetrics();
            String text = Double.isFinite(cell.value()) ? format.apply(cell.value()) : "failed";
            if (fm.stringWidth(text) < size - 4) {
                c.centred(text, r.getCenterX(), r.getCenterY() + fm.getAscent() / 2.0 - 2);
            }
            if (winner != null && same(cell, winner)) {
                c.solid(Palette.INK, 4f);
                c.g.draw(new Rectangle2D.Double(r.getX() + 2, r.getY() + 2, size - 4, size - 4));
                c.solid(Color.WHITE, 1.5f);
                c.g.draw(new Rectangle2D.Double(r.getX() + 5, r.getY() + 5, size - 10, size - 10));
            }
        }
        c.g.setFont(ChartCanvas.TICK);
        c.g.setColor(Palette.INK);
        for (int i = 0; i < as.size(); i++) {
            c.centred(Axis.plain(as.get(i)), x0 + (i + 0.5) * size, y0 + bs.size() * size + 16);
        }
        for (int j = 0; j < bs.size(); j++) {
            c.rightAligned(Axis.plain(bs.get(j)), x0 - 5, y0 + (j + 0.5) * size + 4);
        }
        c.g.setFont(ChartCanvas.LABEL);
        c.centred("alpha (depth)", x0 + size * as.size() / 2, y0 + bs.size() * size + 36);
        if (firstColumn) {
            c.vertical("beta (width)", x0 - 40, y0 + size * bs.size() / 2);
        }
    }

    private void drawColourBar(ChartCanvas c, double x, double y, double h, double lo, double hi) {
        if (!(hi >= lo)) {
            return;
        }
        int steps = 60;
        for (int k = 0; k < steps; k++) {
            c.g.setColor(Palette.ramp(1 - k / (double) (steps - 1)));
            c.g.fill(new Rectangle2D.Double(x, y + k * h / steps, 16, h / steps + 1));
        }
        c.g.setFont(ChartCanvas.SMALL);
        c.g.setColor(Palette.INK);
        c.text(format.apply(hi), x + 20, y + 10);
        c.text(format.apply(lo), x + 20, y + h);
        c.text(valueLabel, x - 8, y + h + 22);
        if (winner != null) {
            c.solid(Palette.INK, 3f);
            c.g.draw(new Rectangle2D.Double(x, y + h + 36, 16, 16));
            c.g.setColor(Palette.INK);
            c.text("winner", x + 22, y + h + 49);
        }
    }

    private static boolean same(Cell a, Cell b) {
        return round(a.alpha()) == round(b.alpha()) && round(a.beta()) == round(b.beta())
                && round(a.gamma()) == round(b.gamma());
    }

    /** Coefficients on a 0.001 lattice, so 1.1 and 1.1000000000000001 share a cell. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
