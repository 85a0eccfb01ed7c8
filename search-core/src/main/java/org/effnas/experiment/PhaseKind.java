package org.effnas.experiment;

/**
 * The phases an experiment plan may hold, each with its own journal in the experiment directory,
 * so that every phase resumes exactly where it stopped.
 */
public enum PhaseKind {
    /** The baseline architecture search. */
    SEARCH("search", "journal.jsonl"),
    /** Random search on the same budget, for comparison with the search. */
    RANDOM("random", "random-journal.jsonl"),
    /** The compound-scaling coefficient grid at phi = 1. */
    GRID("grid", "grid-journal.jsonl"),
    /** The grid winner's family (and the single-dimension comparison). */
    FAMILY("family", "family-journal.jsonl"),
    /** The chosen winners trained at full budget and measured on the test split. */
    FINAL("final", "final-journal.jsonl");

    private final String text;
    private final String journal;

    PhaseKind(String text, String journal) {
        this.text = text;
        this.journal = journal;
    }

    /** The phase's name in journals, candidate ids ({@code grid/c000003}) and messages. */
    public String text() {
        return text;
    }

    /**
     * The id under which a rung checkpoint of this phase is stored: phases number their candidates
     * alike, so the one checkpoint directory of an experiment qualifies each id by its phase
     * ({@code grid.c000003@r1}).
     */
    public String checkpointId(String id) {
        return text + "." + id;
    }

    /** The journal's file name inside the experiment directory. */
    public String journal() {
        return journal;
    }
}
