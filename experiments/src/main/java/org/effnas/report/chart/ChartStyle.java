package org.effnas.report.chart;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every report chart: white background, light grid, legend below the plot. */
final class ChartStyle {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

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
