package org.effnas.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.eval.EvalResult;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalFile;
import org.effnas.reward.Reward;

/**
 * Search rows read straight from a journal, for a report of a run that is still going or was
 * interrupted before it wrote {@code candidates.csv}, or of a directory that has only a journal.
 * Arrival times are not in the journal, so these rows have none (the best-reward-over-time chart
 * leaves them out).
 */
final class JournalRows {

    private JournalRows() {
    }

    /**
     * The journal's results in recording order as rows of {@code run}; empty when the file is
     * missing. Without a reward (no config to say which) every row's reward is NaN.
     */
    static List<SearchPoint> read(Path journal, String run, Reward reward) {
        List<SearchPoint> out = new ArrayList<>();
        if (!Files.isRegularFile(journal)) {
            return out;
        }
        List<EvalResult> results = JournalFile.read(journal, line -> { }).results();
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            double score = reward == null ? Double.NaN : reward.score(r).orElse(Double.NaN);
            out.add(new SearchPoint(run, i + 1, Double.NaN, score, Measurement.of(r)));
        }
        return out;
    }

    /** The journal's header kind ({@code search}, {@code grid}, ...) and its counts; null when there is no journal. */
    static InMemoryResultStore store(Path journal) {
        return Files.isRegularFile(journal) ? JournalFile.read(journal, line -> { }) : null;
    }
}
