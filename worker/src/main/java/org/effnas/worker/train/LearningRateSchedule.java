package org.effnas.worker.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Learning rate per optimizer step: linear warm-up from 0 to the peak over {@code warmupSteps},
 * then constant, exponential decay ({@code 0.97} every {@code 2.4} epochs, staircase, as the
 * EfficientNet paper) or cosine decay to 0 at {@code totalSteps}.
 */
public class LearningRateSchedule implements ISchedule {

    /** The paper's exponential decay: x0.97 ... */
    public static final double EXPONENTIAL_RATE = 0.97;
    /** ... every 2.4 epochs. */
    public static final double EXPONENTIAL_EPOCHS = 2.4;

    private String kind;
    private double peak;
    private long warmupSteps;
    private long totalSteps;
    private long stepsPerEpoch;

    /** For DL4J's JSON (de)serialisation. */
    public LearningRateSchedule() {
    }

    public LearningRateSchedule(String kind, double peak, long warmupSteps, long totalSteps, long stepsPerEpoch) {
        if (!kind.equals("constant") && !kind.equals("exponential") && !kind.equals("cosine")) {
            throw new IllegalArgumentException("schedule must be constant, exponential or cosine, got " + kind);
        }
        if (!(peak > 0) || warmupSteps < 0 || totalSteps < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps + ", steps per epoch " + stepsPerEpoch);
        }
        this.kind = kind;
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(iteration);
    }

    /** The learning rate of step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long after = step - warmupSteps;
        return switch (kind) {
            case "exponential" -> peak * Math.pow(EXPONENTIAL_RATE,
                    Math.floor(after / (EXPONENTIAL_EPOCHS * stepsPerEpoch)));
            case "cosine" -> {
                long span = Math.max(1, totalSteps - warmupSteps);
                double progress = Math.min(1.0, (double) after / span);
                yield peak * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
            default -> peak;
        };
    }

    @Override
    public LearningRateSchedule clone() {
        return new LearningRateSchedule(kind, peak, warmupSteps, totalSteps, stepsPerEpoch);
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public double getPeak() {
        return peak;
    }

    public void setPeak(double peak) {
        this.peak = peak;
    }

    public long getWarmupSteps() {
        return warmupSteps;
    }

    public void setWarmupSteps(long warmupSteps) {
        this.warmupSteps = warmupSteps;
    }

    public long getTotalSteps() {
        return totalSteps;
    }

    public void setTotalSteps(long totalSteps) {
        this.totalSteps = totalSteps;
    }

    public long getStepsPerEpoch() {
        return stepsPerEpoch;
    }

    public void setStepsPerEpoch(long stepsPerEpoch) {
        this.stepsPerEpoch = stepsPerEpoch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule s && s.kind.equals(kind) && s.peak == peak
                && s.warmupSteps == warmupSteps && s.totalSteps == totalSteps && s.stepsPerEpoch == stepsPerEpoch;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, peak, warmupSteps, totalSteps, stepsPerEpoch);
    }

    @Override
    public String toString() {
        return kind + "(peak=" + peak + ", warmup=" + warmupSteps + ", total=" + totalSteps + ")";
    }
}
