package org.effnas.search;

/** Why a run stopped submitting candidates. */
public enum StopReason {
    /** The evaluation budget is spent. */
    BUDGET("evaluation budget spent"),
    /** The wall-time budget is spent. */
    WALL_TIME("wall-time budget spent"),
    /** The strategy had nothing more to propose (a fixed list is done). */
    STRATEGY_DONE("every planned candidate evaluated"),
    /** Too many consecutive proposals were already evaluated or in flight. */
    DUPLICATES("gave up generating: too many duplicate proposals in a row (the space is nearly exhausted)");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
