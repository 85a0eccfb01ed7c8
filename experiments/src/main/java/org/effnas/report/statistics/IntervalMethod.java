package org.effnas.report.statistics;

/** How an {@link AccuracyInterval} was computed; the report's method notes explain each one. */
public enum IntervalMethod {

    /** One evaluation: the Wilson score interval of its correct answers over the n evaluation images. */
    WILSON("Wilson score interval over the n evaluation images"),

    /**
     * Several seeds: Student's t over the seeds' accuracies, clipped to [0, 1], and never narrower
     * than the Wilson interval of all seeds' images pooled (two equal seeds do not make a number exact).
     */
    T_CLIPPED("Student t over the seeds, clipped to [0, 1] and at least as wide as the Wilson interval of the "
            + "pooled images"),

    /** One evaluation whose image count is unknown: no interval can be given. */
    NONE("no interval (evaluation count unknown)");

    private final String description;

    IntervalMethod(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
