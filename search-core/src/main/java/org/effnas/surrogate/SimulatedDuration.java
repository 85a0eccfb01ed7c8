package org.effnas.surrogate;

import org.effnas.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.effnas.InvalidInputException;

/**
 * How long the surrogate pretends to train, by sleeping (so it costs no CPU): nothing, a time
 * proportional to the candidate's multiply-adds, or a time spread log-uniformly between two bounds by
 * a hash of the spec (deterministic; a 10x spread exercises asynchronous scheduling).
 *
 * @param mode    none, macs or log-uniform
 * @param seconds seconds at the reference's MACs (macs mode) or the minimum (log-uniform mode)
 * @param maxSeconds the maximum (log-uniform mode)
 */
public record SimulatedDuration(Mode mode, double seconds, double maxSeconds) {

    /** The ways to choose a duration. */
    public enum Mode { NONE, PROPORTIONAL_TO_MACS, LOG_UNIFORM }

    public SimulatedDuration {
        if (!(seconds >= 0) || !(maxSeconds >= seconds) || Double.isInfinite(maxSeconds)) {
            throw new InvalidSettingException("simulated seconds", "must be a finite number >= 0, got " + seconds
                    + (mode == Mode.LOG_UNIFORM ? " .. " + maxSeconds : ""));
        }
    }

    public static SimulatedDuration none() {
        return new SimulatedDuration(Mode.NONE, 0, 0);
    }

    /** {@code seconds} for a candidate with the reference's MACs, proportionally more or less otherwise. */
    public static SimulatedDuration proportionalToMacs(double seconds) {
        return new SimulatedDuration(seconds == 0 ? Mode.NONE : Mode.PROPORTIONAL_TO_MACS, seconds, seconds);
    }

    /** Between {@code min} and {@code max} seconds, log-uniformly by a hash of the spec and seed. */
    public static SimulatedDuration logUniform(double min, double max) {
        if (!(min > 0)) {
            throw new InvalidInputException("simulated duration: the minimum must be > 0, got " + min);
        }
        return new SimulatedDuration(Mode.LOG_UNIFORM, min, max);
    }

    /** The duration for one evaluation. */
    public double secondsFor(String specKey, long seed, long macs, long referenceMacs) {
        return switch (mode) {
            case NONE -> 0;
            case PROPORTIONAL_TO_MACS -> seconds * macs / Math.max(1, referenceMacs);
            case LOG_UNIFORM -> seconds * Math.pow(maxSeconds / seconds, unit(specKey + "#duration#" + seed));
        };
    }

    /** A deterministic number in [0, 1) from a text. */
    static double unit(String text) {
        long h = UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return (h >>> 11) * 0x1.0p-53;
    }
}
