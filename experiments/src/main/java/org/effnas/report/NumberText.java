package org.effnas.report;

import java.util.Locale;

/** How the report writes numbers: multiply-adds as {@code 12.7M}, accuracies as percentages, coefficients plainly. */
public final class NumberText {

    private NumberText() {
    }

    /** Multiply-adds or parameters as {@code 12M}, {@code 1.5G}, {@code 800K}. */
    public static String macs(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 1e9) {
            return plain(v / 1e9) + "G";
        }
        if (v >= 1e6) {
            return plain(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return plain(v / 1e3) + "K";
        }
        return plain(v);
    }

    /** An accuracy in [0, 1] as a percentage with one decimal, {@code 87.5%}. */
    public static String percent(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%.1f", v * 100);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }

    /** An accuracy in [0, 1] as a percentage with two decimals, {@code 87.52%}. */
    public static String percent2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    /** Up to three significant decimals without trailing zeros. */
    public static String plain(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }

    public static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
