package org.effnas.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.effnas.eval.EvalResult;
import org.effnas.journal.JournalFile;
import org.effnas.reward.Reward;

/**
 * Search rows read straight from a journal, for a report of a run that is still going or was
 * interrupted before it wrote {@code candidates.csv}. Arrival times are not in the journal, so these
 * rows have none (the best-reward-over-time chart leaves them out).
 */
final class JournalRows {

    private JournalRows() {
    }

    /** The journal's results in recording order as rows of {@code run}; empty when the file is missing. */
    static List<SearchPoint> read(Path journal, String run, Reward reward) {
        List<SearchPoint> out = new ArrayList<>();
        if (!Files.isRegularFile(journal)) {
            return out;
        }
        List<EvalResult> results = JournalFile.read(journal, line -> { }).results();
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            out.add(new SearchPoint(run, i + 1, Double.NaN, reward.score(r).orElse(Double.NaN), Measurement.of(r)));
        }
        return out;
    }
}
