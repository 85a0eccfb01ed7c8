package org.effnas.report;

/**
 * One candidate of a baseline search, in the order it finished.
 *
 * @param run            the strategy that proposed it ({@code evolution}, {@code nsga2}, or
 *                       {@code random} for the comparison baseline)
 * @param index          1-based position among the run's finished evaluations
 * @param elapsedSeconds time since the run started when it finished
 * @param reward         its MnasNet reward; NaN when it failed
 */
public record SearchPoint(String run, int index, double elapsedSeconds, double reward, Measurement m) {
}
