package org.effnas.journal;

import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;

/** One entry of an experiment's history, in the order it happened: replaying them rebuilds a search. */
public sealed interface JournalEvent {

    /** The candidate's id, the key every entry is recorded under. */
    String candidateId();

    /** A candidate handed to the evaluator. */
    record Submitted(Candidate candidate) implements JournalEvent {
        @Override
        public String candidateId() {
            return candidate.id();
        }
    }

    /** The result of a submitted candidate (recorded at most once per candidate). */
    record Recorded(EvalResult result) implements JournalEvent {
        @Override
        public String candidateId() {
            return result.candidateId();
        }
    }
}
