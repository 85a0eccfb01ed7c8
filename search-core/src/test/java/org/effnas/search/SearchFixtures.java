package org.effnas.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Evaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalHeader;
import org.effnas.journal.ResultStore;
import org.effnas.reward.Reward;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SpaceReference;

/** The mnasnet-small space, its surrogate reward and quick in-memory runs. */
final class SearchFixtures {

    static final SearchSpace SPACE = SearchSpaces.builtin("mnasnet-small");
    static final ArchSpec REFERENCE = SpaceReference.of(SPACE);
    static final Reward REWARD = Reward.of(CostModel.of(REFERENCE).macs(), -0.07, -0.07, org.effnas.reward.CostMetric.MACS);

    private SearchFixtures() {
    }

    static JournalHeader header(String strategy, long seed) {
        ObjectNode config = EvalJson.MAPPER.createObjectNode().put("strategy", strategy).put("space", SPACE.name());
        return JournalHeader.of("search", config, seed);
    }

    static RunSettings settings(long seed, int budget) {
        return RunSettings.of(TrainingSettings.defaults(), seed, REWARD, SearchBudget.evaluations(budget));
    }

    static SearchOutcome run(SearchStrategy s, Evaluator e, ResultStore store, RunSettings settings) {
        return SearchRunner.of(s, e, store, settings, ProgressListener.none()).run();
    }

    static SearchOutcome runInMemory(SearchStrategy s, Evaluator e, long seed, int budget) {
        return run(s, e, InMemoryResultStore.of(header(s.getClass().getSimpleName(), seed)), settings(seed, budget));
    }

    static List<String> keys(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.id() + " " + c.specKey()).toList();
    }

    static List<String> keysOf(SearchOutcome o) {
        return keys(o.observations().stream().map(Observation::candidate).toList());
    }
}
