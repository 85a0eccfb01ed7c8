package org.effnas.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.effnas.cache.CachingEvaluator;
import org.effnas.cache.ResultCache;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Evaluator;
import org.effnas.journal.JournalFile;
import org.effnas.journal.JournalHeader;
import org.effnas.reward.Reward;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.search.SearchRunner;
import org.effnas.search.SearchStrategy;

/**
 * One journalled run of an experiment: opens (or resumes) the journal first, so a wrong directory
 * fails before any work starts; then a pool of local workers over the evaluator, behind the result
 * cache; then the steady-state runner. Closing releases the journal and the workers.
 */
public final class ExperimentSession implements AutoCloseable {

    private final JournalFile journal;
    private final Evaluator evaluator;
    private final ExperimentOptions options;
    private final ProgressListener listener;

    private ExperimentSession(JournalFile journal, Evaluator evaluator, ExperimentOptions options,
                              ProgressListener listener) {
        this.journal = journal;
        this.evaluator = evaluator;
        this.options = options;
        this.listener = listener;
    }

    /**
     * @param config the experiment's identifying configuration; the evaluator kind, dataset and
     *               training recipe are added to it here
     */
    public static ExperimentSession open(Path journalFile, String kind, ObjectNode config, ExperimentOptions options,
                                         EvaluatorChoice choice, ProgressListener listener) {
        ObjectNode identity = config.deepCopy();
        identity.put("evaluator", choice.kind());
        identity.put("dataset", choice.datasetId());
        identity.set("training", EvalJson.training(options.training()));
        JournalHeader header = JournalHeader.of(kind, identity, options.seed());
        ResultCache cache = options.cacheDir() == null ? null : ResultCache.at(options.cacheDir());
        JournalFile journal = JournalFile.open(journalFile, header, options.resume(), listener::message);
        Evaluator evaluator = choice.pool().start(choice.evaluator(), options.workers(), choice.kind());
        if (cache != null) {
            evaluator = CachingEvaluator.of(evaluator, cache, choice.datasetId(), options.fresh());
        }
        return new ExperimentSession(journal, evaluator, options, listener);
    }

    public String experimentId() {
        return journal.header().experimentId();
    }

    public JournalFile journal() {
        return journal;
    }

    /** Runs a strategy to its budget and returns what was recorded (this and earlier sessions). */
    public SearchOutcome run(SearchStrategy strategy, Reward reward, SearchBudget budget) {
        RunSettings settings = RunSettings.of(options.training(), options.seed(), reward, budget)
                .withOrdered(options.ordered());
        return SearchRunner.of(strategy, evaluator, journal, settings, listener).run();
    }

    @Override
    public void close() {
        try {
            evaluator.close();
        } finally {
            journal.close();
        }
    }
}
