package org.effnas.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Evaluator;
import org.effnas.eval.Fidelity;
import org.effnas.journal.JournalFile;
import org.effnas.journal.JournalHeader;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.Scheduler;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchProgress;
import org.effnas.search.SearchRunner;
import org.effnas.search.SearchStrategy;

/**
 * Runs one phase of an experiment through search-core's {@link SearchRunner} with its own journal,
 * on a view of the shared evaluator that prefixes candidate ids with the phase ({@code grid/c000003}),
 * so that phases, which each number their candidates from c000001, never collide on one cluster.
 * Also records when each result arrived, for the candidates table.
 */
final class PhaseRunner {

    /** A phase's outcome and, for each recorded result (1-based), seconds since the phase first started. */
    record Result(PhaseKind phase, SearchOutcome outcome, Map<Integer, Double> elapsedAt) {

        List<ExperimentArtefacts.CandidateRow> rows(String run) {
            List<ExperimentArtefacts.CandidateRow> out = new ArrayList<>();
            List<Observation> obs = outcome.observations();
            for (int i = 0; i < obs.size(); i++) {
                out.add(new ExperimentArtefacts.CandidateRow(run, i + 1, elapsedAt.getOrDefault(i + 1, Double.NaN),
                        obs.get(i)));
            }
            return out;
        }
    }

    private PhaseRunner() {
    }

    /**
     * @param header      the phase's journal header
     * @param followsBase true when the phase was planned around an earlier phase's winner: a journal
     *                    of another winner is then moved aside on resume instead of refused
     * @param earlier     arrival times of this phase's results from an earlier session
     * @param scheduler   the phase's multi-fidelity scheduler (fifo without rungs: as without one)
     * @param checkpoints where checkpoints no promotion can need are deleted; ids are qualified by
     *                    the phase ({@link PhaseKind#checkpointId}) as the evaluator stored them
     */
    static Result run(PhaseKind phase, SearchStrategy strategy, Evaluator shared, Path journal, JournalHeader header,
                      RunSettings settings, boolean resume, boolean followsBase, ProgressListener listener,
                      Map<Integer, Double> earlier, Scheduler scheduler, CheckpointRelease checkpoints) {
        if (resume && followsBase) {
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
        try (JournalFile store = JournalFile.open(journal, header, resume, listener::message)) {
            SearchOutcome outcome = SearchRunner.of(strategy, new Tagged(shared, phase), store, settings, timed,
                    scheduler, id -> checkpoints.release(phase.checkpointId(id))).run();
            return new Result(phase, outcome, elapsed);
        }
    }

    /** A journal planned around another winner is moved to {@code superseded/}, never deleted. */
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
            listener.message("effnas: " + journal.getFileName() + " was planned around another winner; kept as "
                    + aside + " and started afresh");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + journal + " aside: " + e.getMessage(), e);
        }
    }

    /**
     * The shared evaluator seen by one phase; closing it leaves the shared evaluator open. A rung's
     * checkpoints are qualified by the phase too, so phases share one checkpoint directory.
     */
    private record Tagged(Evaluator shared, PhaseKind phase) implements Evaluator {

        @Override
        public CompletableFuture<EvalResult> submit(Candidate c) {
            Fidelity f = c.fidelity();
            Candidate tagged = Candidate.of(phase.text() + "/" + c.id(), c.spec(), c.training(), c.seed(),
                    f == null ? null : new Fidelity(phase.checkpointId(f.baseId()), f.bracket(), f.rung(), f.steps(),
                            f.fromSteps(), f.resumeFrom() == null ? null : phase.checkpointId(f.resumeFrom()),
                            phase.checkpointId(f.checkpoint())));
            return shared.submit(tagged).thenApply(r -> r.withCandidateId(c.id()));
        }

        @Override
        public int capacity() {
            return shared.capacity();
        }

        @Override
        public String kind() {
            return shared.kind();
        }

        @Override
        public void close() {
            // the shared evaluator outlives the phase
        }
    }
}
