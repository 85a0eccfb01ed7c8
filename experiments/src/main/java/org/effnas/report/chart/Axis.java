package org.effnas.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A numeric chart axis, linear or base-10 logarithmic, with "nice" tick positions (1, 2, 5 x 10^k)
 * and a label formatter. The range is padded out to the outermost ticks for a linear axis so that
 * the data never touches the frame.
 */
public record Axis(String label, double min, double max, boolean log, DoubleFunction<String> format) {

    /** About how many intervals a linear axis is divided into. */
    private static final int TICKS = 6;

    public Axis {
        if (!(max > min)) {
            // A degenerate range (one point, or all equal): widen it around the value.
            double centre = Double.isFinite(min) ? min : 0;
            double half = log ? centre * 0.5 : Math.max(Math.abs(centre) * 0.05, 1e-3);
            min = centre - half;
            max = centre + half;
        }
        if (log && !(min > 0)) {
            throw new IllegalArgumentException("log axis '" + label + "' needs positive values, got " + min);
        }
    }

    /** A linear axis covering the values, extended to nice ticks. */
    public static Axis linear(String label, double lo, double hi, DoubleFunction<String> format) {
        Axis raw = new Axis(label, lo, hi, false, format);
        double pad = (raw.max - raw.min) * 0.04;
        double padLo = raw.min >= 0 && raw.min - pad < 0 ? 0 : raw.min - pad;
        raw = new Axis(label, padLo, raw.max + pad, false, format);
        double step = niceStep((raw.max - raw.min) / TICKS);
        return new Axis(label, Math.floor(raw.min / step) * step, Math.ceil(raw.max / step) * step, false, format);
    }

    /** A linear axis from 0 to {@code hi} rounded up to a tick, without padding: counts and durations. */
    public static Axis fromZero(String label, double hi, DoubleFunction<String> format) {
        double top = hi > 0 ? hi : 1;
        double step = niceStep(top / TICKS);
        return new Axis(label, 0, Math.ceil(top / step - 1e-9) * step, false, format);
    }

    /** A log axis covering the values with a little margin either side. */
    public static Axis logarithmic(String label, double lo, double hi, DoubleFunction<String> format) {
        Axis raw = new Axis(label, lo, hi, true, format);
        double span = Math.log10(raw.max / raw.min);
        double pad = Math.max(span * 0.06, 0.03);
        return new Axis(label, raw.min / Math.pow(10, pad), raw.max * Math.pow(10, pad), true, format);
    }

    /** Maps a value to a pixel between {@code from} (at min) and {@code to} (at max). */
    public double map(double v, double from, double to) {
        double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (v - min) / (max - min);
        return from + t * (to - from);
    }

    /** Tick positions inside the range: about five on a linear axis; 1-2-5 decades on a log axis. */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int lo = (int) Math.floor(Math.log10(min));
            int hi = (int) Math.ceil(Math.log10(max));
            double decades = Math.log10(max / min);
            double[] mantissas = decades > 3 ? new double[] {1} : decades > 1.5 ? new double[] {1, 2, 5}
                    : new double[] {1, 1.5, 2, 3, 5, 7};
            for (int e = lo; e <= hi; e++) {
                for (double m : mantissas) {
                    double v = m * Math.pow(10, e);
                    if (v >= min * 0.999 && v <= max * 1.001) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
        double step = niceStep((max - min) / TICKS);
        for (double v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-6; v += step) {
            // snap to the lattice so that 0.82 is 0.82, not 0.8200000000000001
            out.add(Math.abs(v) < step * 1e-9 ? 0 : Math.round(v / step) * step);
        }
        return out;
    }

    public String format(double v) {
        return format.apply(v);
    }

    /** 1, 2 or 5 times a power of ten, the one nearest {@code raw} on a log scale. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / pow;
        double nice = f < Math.sqrt(2) ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10;
        return nice * pow;
    }

    /** Multiply-adds as {@code 12M}, {@code 1.5G}, {@code 800K}. */
    public static String macs(double v) {
        if (v >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "K";
        }
        return trim(v);
    }

    /** An accuracy in [0, 1] as a percentage, {@code 87.5%}. */
    public static String percent(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v * 100);
        return (s.endsWith(".0") ? s.substring(0, s.length() - 2) : s) + "%";
    }

    /** Up to three significant decimals without trailing zeros. */
    public static String plain(double v) {
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }
}
