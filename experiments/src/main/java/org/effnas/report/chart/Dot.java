package org.effnas.report.chart;

/** One measured model on an accuracy-vs-cost plane; {@code label} names it (candidate id or model name). */
public record Dot(double macs, double accuracy, String label) {
}
