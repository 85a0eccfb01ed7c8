package org.effnas.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalHeader;
import org.effnas.reward.Reward;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.Observation;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SpaceReference;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

class FidelityStudyTest {

    @Test
    void everyArchitectureReachesEveryRungAndLongerRungsAgreeBetterWithTheTop() {
        SearchSpace space = SearchSpaces.builtin("mnasnet-small");
        ArchSpec ref = SpaceReference.of(space);
        RunSettings settings = RunSettings.of(TrainingSettings.defaults(), 3,
                Reward.of(CostModel.of(ref).macs(), -0.07, -0.07, org.effnas.reward.CostMetric.MACS), SearchBudget.evaluations(24)).withOrdered(true);
        InMemoryResultStore store = InMemoryResultStore.of(JournalHeader.of("fidelity",
                EvalJson.MAPPER.createObjectNode().put("space", space.name()), 3));
        List<String> released = new ArrayList<>();
        FidelityStudy s = FidelityStudy.run(space, InlineEvaluator.of(SurrogateEvaluator.of(ref).withNoise(0),
                "surrogate"), store, settings, SchedulerSettings.asha(30, 810, 3), released::add,
                ProgressListener.none());
        Map<Integer, Long> perRung = s.outcome().observations().stream()
                .collect(Collectors.groupingBy(Observation::rung, Collectors.counting()));
        assertEquals(Map.of(0, 24L, 1, 24L, 2, 24L, 3, 24L), perRung);
        assertEquals(3, s.againstTop().size());
        assertTrue(s.againstTop().stream().allMatch(a -> a.common() == 24 && a.toRung() == 3));
        double first = s.againstTop().get(0).kendall().estimate();
        double last = s.againstTop().get(2).kendall().estimate();
        assertTrue(first < last, "30 steps predict 810 worse than 270 do: " + first + " vs " + last);
        assertEquals(3 * 24, released.size(), "every checkpoint below the top is released once superseded");
    }
}
