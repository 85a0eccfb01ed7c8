package org.effnas.schedule;

/**
 * Where a new candidate enters the ladder.
 *
 * @param bracket the Hyperband bracket (0 for ASHA and fifo)
 * @param rung    the rung it trains to first
 * @param steps   that rung's training steps
 */
public record RungStart(int bracket, int rung, long steps) {
}
