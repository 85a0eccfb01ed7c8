package org.effnas.experiment;

import org.effnas.SettingChoice;

/**
 * The phases an experiment plan may hold, each with its own journal in the experiment directory,
 * so that every phase resumes exactly where it stopped. A phase's {@link #text()} is its name in
 * journals, candidate ids ({@code grid/c000003}) and messages.
 */
public enum PhaseKind implements SettingChoice {
    /** The baseline architecture search. */
    SEARCH,
    /** Random search on the same budget, for comparison with the search. */
    RANDOM,
    /** The compound-scaling coefficient grid at phi = 1. */
    GRID,
    /** The grid winner's family (and the single-dimension comparison). */
    FAMILY,
    /** The chosen winners trained at full budget and measured on the test split. */
    FINAL;

    /**
     * The id under which a rung checkpoint of this phase is stored: phases number their candidates
     * alike, so the one checkpoint directory of an experiment qualifies each id by its phase
     * ({@code grid.c000003@r1}).
     */
    public String checkpointId(String id) {
        return text() + "." + id;
    }

    /** The journal's file name inside the experiment directory: the search's is {@code journal.jsonl}. */
    public String journal() {
        return this == SEARCH ? "journal.jsonl" : text() + "-journal.jsonl";
    }
}
