package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InvalidJournalException;
import org.effnas.journal.JournalFile;
import org.effnas.notation.SpecFiles;
import org.effnas.reward.CostMetric;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.ProgressListener;
import org.effnas.search.SearchBudget;
import org.effnas.surrogate.SimulatedDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchExperimentTest {

    @TempDir
    Path dir;

    static SearchSettings settings(String strategy, int budget) {
        return new SearchSettings("mnasnet-small", strategy, OptionalDouble.empty(), -0.07, false, CostMetric.MACS,
                SearchBudget.evaluations(budget), EvolutionSettings.of(8, 3, 1, 0.5, 0.15));
    }

    ExperimentOptions options(Path out, boolean resume, Path cache) {
        return ExperimentOptions.of(out, resume, 2, cache, false, true, 7, TrainingSettings.defaults());
    }

    static SearchExperiment.Result run(SearchSettings s, ExperimentOptions o) {
        return SearchExperiment.run(s, o, ref -> EvaluatorChoice.surrogate(ref, SimulatedDuration.none()),
                ProgressListener.none());
    }

    @Test
    void writesTheJournalAndTheBestSpecAndResumesToTheFullBudget() throws Exception {
        Path out = dir.resolve("run");
        SearchExperiment.Result first = run(settings("evolution", 12), options(out, false, null));
        assertEquals(12, first.outcome().observations().size());
        Path best = out.resolve("best.yaml");
        String text = Files.readString(best);
        assertTrue(text.contains("SURROGATE"), text);
        assertEquals(first.outcome().best().orElseThrow().candidate().specKey(),
                org.effnas.notation.BlockStrings.canonical(SpecFiles.read(best)));
        // The same experiment again without --resume is refused, the journal untouched.
        byte[] journal = Files.readAllBytes(out.resolve("journal.jsonl"));
        assertThrows(InvalidJournalException.class, () -> run(settings("evolution", 12), options(out, false, null)));
        assertArrayEquals(journal, Files.readAllBytes(out.resolve("journal.jsonl")));
        // Another experiment in the same directory is refused even with --resume.
        assertThrows(InvalidJournalException.class, () -> run(settings("random", 12), options(out, true, null)));
        assertArrayEquals(journal, Files.readAllBytes(out.resolve("journal.jsonl")));
        // Resuming with a larger budget continues; nothing is evaluated twice.
        SearchExperiment.Result resumed = run(settings("evolution", 30), options(out, true, null));
        assertEquals(30, resumed.outcome().observations().size());
        assertEquals(first.experimentId(), resumed.experimentId(), "the budget is not part of the identity");
        var store = JournalFile.read(out.resolve("journal.jsonl"), w -> { });
        assertEquals(30, store.results().size());
        assertEquals(30, store.candidates().stream().map(c -> c.specKey()).distinct().count());
    }

    @Test
    void nsga2WritesTheParetoFront() throws Exception {
        Path out = dir.resolve("nsga");
        run(settings("nsga2", 40), options(out, false, null));
        List<String> lines = Files.readAllLines(out.resolve("pareto.csv"));
        assertEquals("candidate,top1,macs,params,latency_ms,reward,spec", lines.get(0));
        assertTrue(lines.size() >= 3, lines.toString());
    }

    @Test
    void aSecondExperimentIsServedFromTheCacheAndJournalsIt() throws Exception {
        Path cache = dir.resolve("cache");
        run(settings("evolution", 15), options(dir.resolve("a"), false, cache));
        SearchExperiment.Result again = run(settings("evolution", 15), options(dir.resolve("b"), false, cache));
        assertEquals(15, again.outcome().cachedResults());
        var store = JournalFile.read(dir.resolve("b").resolve("journal.jsonl"), w -> { });
        assertEquals(15, store.results().size());
        assertTrue(store.results().stream().allMatch(r -> r.provenance().cached()));
    }
}
