package org.effnas.report.chart;

import java.awt.Color;
import java.awt.Font;
import org.effnas.report.NumberText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every report chart: white background, light grid, legend below the plot. */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    /** The colours of the search runs' series, in legend order. */
    static final Color[] RUN_COLOURS = {Palette.BLUE, Palette.ORANGE, Palette.SKY, Palette.PURPLE};

    private ChartStyle() {
    }

    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesColor(Palette.GRID);
        s.setChartFontColor(Palette.INK);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFontColor(Palette.INK);
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
    }

    /** An XY chart of the report's width and look. */
    static XYChart xy(int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        apply(c.getStyler());
        return c;
    }

    /** Minival accuracy (in percent) against multiply-adds, the plane of the search and family charts. */
    static XYChart accuracyVsMacs(String title, int markerSize) {
        XYChart c = xy(HEIGHT, title, "multiply-adds per image", "minival top-1 accuracy");
        c.getStyler().setMarkerSize(markerSize);
        c.setCustomXAxisTickLabelsFormatter(NumberText::macs);
        c.setCustomYAxisTickLabelsFormatter(NumberText::percent);
        return c;
    }

    /** Sets y to {@link #accuracyRange} and, when {@code maxX > 0}, x to [minX / pad, maxX * pad]; returns y. */
    static double[] fitAxes(XYChart c, double lo, double hi, double minX, double maxX, double pad) {
        double[] y = accuracyRange(lo, hi);
        c.getStyler().setYAxisMin(y[0]);
        c.getStyler().setYAxisMax(y[1]);
        if (maxX > 0) {
            c.getStyler().setXAxisMin(minX / pad);
            c.getStyler().setXAxisMax(maxX * pad);
        }
        return y;
    }

    /**
     * An accuracy axis range around [lo, hi] padded by 8% of the span, never below 0 nor above 1
     * (accuracy axes stop at 100%).
     */
    static double[] accuracyRange(double lo, double hi) {
        if (!(hi >= lo)) {
            return new double[] {0, 1};
        }
        double pad = Math.max(0.01, (hi - lo) * 0.08);
        return new double[] {Math.max(0, lo - pad), Math.min(1, hi + pad)};
    }
}
