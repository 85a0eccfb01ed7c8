package org.effnas.journal;

import java.util.List;
import java.util.Optional;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;

/**
 * The record of one experiment: which candidates were submitted and which results came back, each
 * recorded exactly once. The search runner and the cluster coordinator write through this seam;
 * {@link JournalFile} makes it durable, {@link InMemoryResultStore} keeps it in memory (tests,
 * throw-away runs). Implementations are thread-safe.
 */
public interface ResultStore extends AutoCloseable {

    /** What experiment this is. */
    JournalHeader header();

    /**
     * Records that a candidate was handed to an evaluator. Submitting the same candidate again (same
     * id and spec, e.g. a re-issue after a crash) is a no-op.
     *
     * @throws IllegalArgumentException for an id already used by a different spec
     */
    void submitted(Candidate candidate);

    /**
     * Records a result, exactly once per candidate id: a second result for the same id (a retry that
     * raced, a late worker) is ignored.
     *
     * @return true when recorded now, false when a result for that id was already recorded
     * @throws IllegalArgumentException for a result whose candidate was never submitted
     */
    boolean recorded(EvalResult result);

    /** Candidates submitted but without a result, in submission order: what to re-issue after a crash. */
    List<Candidate> pending();

    /** How many candidates were submitted (cheaper than {@code candidates().size()}). */
    default int submittedCount() {
        return candidates().size();
    }

    /** Every submitted candidate, in submission order. */
    List<Candidate> candidates();

    /** Every recorded result, in recording order. */
    List<EvalResult> results();

    /** The result recorded for a candidate, if any. */
    Optional<EvalResult> result(String candidateId);

    /** The full history in the order it was recorded (submissions and results interleaved). */
    List<JournalEvent> events();

    @Override
    void close();
}
