package org.effnas.worker.profile;

import org.effnas.worker.nhwc.NhwcProfile;

/**
 * A timed run of the NHWC engine: the figures {@code effnas bench train} reports for any engine, and, when
 * profiled, the engine's own profile (its reorders besides the shares), else null.
 */
public record NhwcBenchmark(TrainingBenchmark timing, NhwcProfile profile) {
}
