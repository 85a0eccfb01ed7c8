package org.effnas.trust;

import java.util.List;
import org.effnas.eval.Evaluator;
import org.effnas.journal.ResultStore;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.FullLadder;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.ProgressListener;
import org.effnas.search.RandomSearch;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchRunner;
import org.effnas.space.SearchSpace;

/**
 * The study to run before choosing {@code min_steps}: N random architectures of a space, each trained
 * through every rung of a ladder (continued training, so N runs of {@code max_steps} in all), and the
 * Kendall tau and Spearman rho of each rung's top-1 ranking against the top rung's, with bootstrap
 * intervals. The lowest rung whose interval is high enough is a safe {@code min_steps}.
 *
 * @param againstTop agreement of each rung with the top rung, lowest rung first
 * @param trust      the same run's consecutive-rung figures and sentence
 * @param outcome    every rung result
 */
public record FidelityStudy(List<RankAgreement> againstTop, RungTrust trust, SearchOutcome outcome) {

    /**
     * Runs the study: {@code settings.budget()} random architectures (the budget counts architectures),
     * each to every rung of {@code ladder}'s settings.
     */
    public static FidelityStudy run(SearchSpace space, Evaluator evaluator, ResultStore store, RunSettings settings,
                                    SchedulerSettings ladder, CheckpointRelease checkpoints,
                                    ProgressListener listener) {
        SearchOutcome o = SearchRunner.of(RandomSearch.of(space, settings.seed()), evaluator, store, settings, listener,
                FullLadder.of(ladder), checkpoints).run();
        RungTrust t = RungTrust.of(o.observations());
        return new FidelityStudy(t.againstTop(), t, o);
    }
}
