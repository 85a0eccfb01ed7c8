package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.effnas.eval.Evaluator;
import org.effnas.journal.JournalFile;
import org.effnas.journal.JournalHeader;
import org.effnas.report.Measurement;
import org.effnas.report.SearchPoint;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchProgress;
import org.effnas.search.SearchRunner;
import org.effnas.search.SearchStrategy;

/**
 * Runs one phase of an experiment (a search, the random baseline, the grid or the family) through
 * search-core's {@link SearchRunner} with its own journal, so every phase resumes exactly where it
 * stopped. Also records when each result arrived, for the report's best-reward-over-time chart.
 */
final class PhaseRun {

    /** A phase's outcome and, for each recorded result (1-based), seconds since the phase first started. */
    record Result(String phase, SearchOutcome outcome, Map<Integer, Double> elapsedAt) {

        /** The outcome as report rows, in recording order. */
        List<SearchPoint> points(String run) {
            List<SearchPoint> out = new ArrayList<>();
            List<Observation> obs = outcome.observations();
            for (int i = 0; i < obs.size(); i++) {
                Observation o = obs.get(i);
                out.add(new SearchPoint(run, i + 1, elapsedAt.getOrDefault(i + 1, Double.NaN),
                        o.reward().orElse(Double.NaN), Measurement.of(o.result())));
            }
            return out;
        }
    }

    private PhaseRun() {
    }

    /**
     * A grid or family journal planned around another base (the resumed search found a new winner)
     * is moved to {@code superseded/}, never deleted, and the phase starts afresh.
     */
    private static void supersede(Path journal, JournalHeader header, ProgressListener listener) {
        if (!Files.isRegularFile(journal)) {
            return;
        }
        JournalHeader old = JournalFile.read(journal, line -> { }).header();
        if (old.sameExperiment(header)) {
            return;
        }
        try {
            Path aside = journal.resolveSibling("superseded").resolve(old.experimentId() + "-" + journal.getFileName());
            Files.createDirectories(aside.getParent());
            Files.move(journal, aside, StandardCopyOption.ATOMIC_MOVE);
            listener.message("effnas: " + journal.getFileName() + " was planned around another search winner; kept as "
                    + aside + " and started afresh");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + journal + " aside: " + e.getMessage(), e);
        }
    }

    /**
     * @param identity     the experiment's identifying config (journal header)
     * @param earlier      arrival times of this phase's results from an earlier session (on resume)
     */
    static Result run(String phase, SearchStrategy strategy, Evaluator shared, Path journal, ObjectNode identity,
                      RunSettings settings, boolean resume, ProgressListener listener, Map<Integer, Double> earlier) {
        ObjectNode config = identity.deepCopy();
        config.put("phase", phase);
        JournalHeader header = JournalHeader.of(phase.equals("grid") ? "grid" : "search", config, settings.seed());
        if (resume && !phase.equals("search") && !phase.equals("random")) {
            supersede(journal, header, listener);
        }
        Map<Integer, Double> elapsed = new TreeMap<>(earlier);
        double offset = earlier.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        ProgressListener timed = new ProgressListener() {
            @Override
            public void progress(SearchProgress p) {
                elapsed.putIfAbsent(p.done(), offset + p.elapsedSeconds());
                listener.progress(p);
            }

            @Override
            public void message(String line) {
                listener.message(line);
            }

            @Override
            public void finished(SearchProgress last) {
                elapsed.putIfAbsent(last.done(), offset + last.elapsedSeconds());
                listener.finished(last);
            }
        };
        try (JournalFile store = JournalFile.open(journal, header, resume, listener::message);
             PhaseEvaluator evaluator = new PhaseEvaluator(shared, phase)) {
            SearchOutcome outcome = SearchRunner.of(strategy, evaluator, store, settings, timed).run();
            return new Result(phase, outcome, elapsed);
        }
    }
}
