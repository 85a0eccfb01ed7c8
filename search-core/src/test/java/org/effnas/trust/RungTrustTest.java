package org.effnas.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.eval.InlineEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.InMemoryResultStore;
import org.effnas.journal.JournalHeader;
import org.effnas.reward.Reward;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.ProgressListener;
import org.effnas.search.RandomSearch;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchRunner;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SpaceReference;
import org.effnas.surrogate.SurrogateEvaluator;
import org.junit.jupiter.api.Test;

class RungTrustTest {

    @Test
    void anAshaRunOnTheSurrogateGivesOneAgreementPerRungPairAndASentence() {
        SearchSpace space = SearchSpaces.builtin("mnasnet-small");
        ArchSpec ref = SpaceReference.of(space);
        RunSettings settings = RunSettings.of(TrainingSettings.defaults(), 7,
                Reward.of(CostModel.of(ref).macs(), -0.07, -0.07, org.effnas.reward.CostMetric.MACS), SearchBudget.evaluations(81)).withOrdered(true);
        InMemoryResultStore store = InMemoryResultStore.of(JournalHeader.of("search",
                EvalJson.MAPPER.createObjectNode().put("strategy", "random"), 7));
        SearchOutcome o = SearchRunner.of(RandomSearch.of(space, 7), InlineEvaluator.of(SurrogateEvaluator.of(ref),
                "surrogate"), store, settings, ProgressListener.none(),
                Scheduler.of(SchedulerSettings.asha(30, 810, 3)), CheckpointRelease.none()).run();
        RungTrust t = RungTrust.of(o.observations());
        assertEquals(3, t.topRung());
        assertEquals(3, t.consecutive().size());
        assertEquals(27, t.consecutive().get(0).common(), "every rung-1 candidate was measured at rung 0");
        RankAgreement first = t.consecutive().get(0);
        assertTrue(first.kendall().known() && first.kendall().estimate() < 0.9,
                "the surrogate's rankings cross between rungs: " + first.kendall());
        assertTrue(t.sentence().startsWith("The ranking after 270 steps agrees with the one after 810 steps with "
                + "Kendall tau " + t.consecutive().get(2).kendall() + " (95% interval) over "
                + t.consecutive().get(2).common() + " candidates"), t.sentence());
    }
}
