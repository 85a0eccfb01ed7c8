package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.cache.ResultCache;
import org.effnas.cluster.embedded.EmbeddedCluster;
import org.effnas.config.ConfigFileOption;
import org.effnas.config.Quantities;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.eval.TrainingSettings;
import org.effnas.experiment.EvaluatorChoice;
import org.effnas.experiment.ExperimentOptions;
import org.effnas.experiment.SearchExperiment;
import org.effnas.experiment.SearchSettings;
import org.effnas.progress.LiveProgress;
import org.effnas.reward.CostMetric;
import org.effnas.search.EvolutionSettings;
import org.effnas.search.Observation;
import org.effnas.search.SearchBudget;
import org.effnas.search.SearchOutcome;
import org.effnas.spec.ArchSpec;
import org.effnas.surrogate.SimulatedDuration;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.device.DeviceList;
import org.effnas.worker.device.DevicePinning;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.TrainingProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas search}: the baseline architecture search (MnasNet step) from flags. Option parsing
 * only; the work is search-core's {@link SearchExperiment}.
 */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Searches a baseline ConvNet in a MnasNet-style search space for the best reward "
                    + "ACC x [MACs/T]^w (soft constraint w = -0.07 by default; --hard: 0 below T, -1 above).",
            "Steady-state and asynchronous: --workers evaluations run at once and each finished one is replaced "
                    + "at once. Every candidate and result goes to DIR/journal.jsonl (fsynced); --resume continues "
                    + "an interrupted search exactly where it stopped. The winner is written to DIR/best.yaml, "
                    + "the Pareto front of --strategy nsga2 to DIR/pareto.csv.",
            "Results are shared across experiments through the cache (the same spec, training settings, seed "
                    + "and dataset are never trained twice; --fresh evaluates again).",
            "--evaluator surrogate is an analytic stand-in (no network is trained): fast and reproducible, "
                    + "every output it touches says SURROGATE."},
        footer = {"", "Examples:",
            "  effnas search --space mnasnet-small --evaluator surrogate --strategy evolution --budget 200 "
                    + "--workers 4 --seed 1 --out runs/search-demo",
            "  effnas search --space mnasnet-small --evaluator surrogate --strategy nsga2 --budget 300 --out runs/front",
            "  effnas search --space mnasnet-small --evaluator surrogate --budget 400 --out runs/search-demo --resume",
            "", "Exit codes: 0 done, 1 the run failed (or nothing succeeded), 2 bad input (flags, space, "
                    + "a directory holding another experiment, a journal from a newer effnas)."})
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    ExperimentFlags run;

    @Option(names = "--space", required = true, paramLabel = "NAME|FILE",
            description = "Search space: mnasnet-small, mnasnet, or a YAML/JSON space file.")
    String space;

    @Option(names = "--strategy", defaultValue = "evolution", paramLabel = "NAME",
            description = "evolution (steady-state, Jenetics operators), random, or nsga2 (accuracy vs cost, "
                    + "Pareto front) (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--budget", required = true, paramLabel = "N", description = "Number of evaluations in total "
            + "(counting those of earlier sessions when resuming).")
    int budget;

    @Option(names = "--max-time", paramLabel = "TIME", description = "Also stop submitting after this long in this "
            + "session, e.g. 90s, 30m, 2h.")
    String maxTime;

    @Option(names = "--target-macs", paramLabel = "T", description = "The reward's target T in multiply-adds "
            + "(or milliseconds with --cost latency); default: the space's reference architecture's cost.")
    Double target;

    @Option(names = "--w", defaultValue = "-0.07", paramLabel = "W",
            description = "Soft-constraint exponent (default: ${DEFAULT-VALUE}).")
    double w;

    @Option(names = "--hard", description = "Hard constraint: w = 0 at or under T, -1 above.")
    boolean hard;

    @Option(names = "--cost", defaultValue = "macs", paramLabel = "METRIC",
            description = "macs, or latency (MnasNet form, needs an evaluator that measures it) (default: ${DEFAULT-VALUE}).")
    String cost;

    @Option(names = "--population", defaultValue = "24", paramLabel = "N",
            description = "Evolution/nsga2 population (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--tournament", defaultValue = "4", paramLabel = "K",
            description = "Evolution tournament size (default: ${DEFAULT-VALUE}).")
    int tournament;

    @Option(names = "--mutation", defaultValue = "0.1", paramLabel = "P",
            description = "Probability that each decision of a child is redrawn (default: ${DEFAULT-VALUE}).")
    double mutation;

    @Option(names = "--crossover", defaultValue = "0.5", paramLabel = "P",
            description = "Probability that a child is recombined from two parents (default: ${DEFAULT-VALUE}).")
    double crossover;

    @Override
    public Integer call() {
        SearchSettings settings = new SearchSettings(space, strategy,
                target == null ? OptionalDouble.empty() : OptionalDouble.of(target), w, hard, CostMetric.parse(cost),
                SearchBudget.of(budget, maxTime == null ? null : duration(maxTime)),
                EvolutionSettings.of(population, Math.min(tournament, population), Math.min(2, population - 1),
                        crossover, mutation));
        PrintWriter out = command.commandLine().getOut();
        LiveProgress progress = run.progress("search " + strategy);
        SearchExperiment.Result r = SearchExperiment.run(settings, run.options(), run::evaluator, progress);
        report(out, r);
        return r.outcome().best().isPresent() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    private void report(PrintWriter out, SearchExperiment.Result r) {
        SearchOutcome o = r.outcome();
        String tag = r.surrogate() ? "SURROGATE " : "";
        out.printf(Locale.ROOT, "%ssearch %s: %d evaluations (%d failed, %d from the cache this session), stopped: %s%n",
                tag, r.experimentId(), o.observations().size(), o.failures(), o.cachedResults(),
                o.stopReason().description());
        out.printf(Locale.ROOT, "reward: %s%n", r.reward());
        if (o.best().isEmpty()) {
            out.println("no candidate succeeded: nothing to report (see " + run.out.resolve("journal.jsonl") + ")");
        } else {
            Observation b = o.best().get();
            out.printf(Locale.ROOT, "best: %s reward %.4f, %stop1 %.4f, %,d MACs, %,d params -> %s%n",
                    b.candidate().id(), b.reward().getAsDouble(), tag, b.accuracy(), b.macs(), b.result().params(),
                    r.best().orElseThrow());
            out.println("      " + b.candidate().specKey());
        }
        r.pareto().ifPresent(p -> out.println("pareto front -> " + p));
        out.println("journal -> " + run.out.resolve("journal.jsonl"));
        out.flush();
    }

    /** {@code 90s}, {@code 30m}, {@code 1h30m}, ISO-8601 or plain seconds: the configs' duration syntax. */
    static Duration duration(String text) {
        Duration d = Quantities.parseDuration(text);
        if (d == null) {
            throw new InvalidInputException("--max-time: expected a duration such as 90s, 30m, 1h30m or PT15M; got '"
                    + text + "'");
        }
        return d;
    }

    /**
     * The flags {@code effnas search} and {@code effnas grid} share: evaluator, workers, seed, training,
     * cache, resume and output directory.
     */
    public static final class ExperimentFlags {

        /** {@code --config FILE}: its settings become these flags' defaults (expanded by ConfigFlags). */
        @Mixin
        ConfigFileOption config;

        @Option(names = "--evaluator", required = true, paramLabel = "KIND",
                description = "surrogate (analytic stand-in, no training) or dl4j (trains each candidate).")
        String evaluator;

        @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
                description = "Evaluations run at once in this JVM (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Experiment seed: same flags and seed give the same candidates (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--ordered", description = "Process results in submission order, so that the candidate "
                + "sequence is the same with any number of workers (default with --workers 1; costs idle "
                + "workers behind a slow candidate).")
        boolean ordered;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Experiment directory.")
        Path out;

        @Option(names = "--resume", description = "Continue the experiment journalled in DIR (the same flags; the "
                + "budget and workers may change).")
        boolean resume;

        @Option(names = "--cache", paramLabel = "DIR", description = "Result cache shared across experiments "
                + "(default: ~/.cache/effnas).")
        Path cache;

        @Option(names = "--no-cache", description = "Neither read nor write the result cache.")
        boolean noCache;

        @Option(names = "--fresh", description = "Evaluate even what the cache holds (results still refresh it).")
        boolean fresh;

        @Option(names = "--simulate-seconds", defaultValue = "0", paramLabel = "X",
                description = "Surrogate only: sleep X seconds per evaluation at the reference's MACs, proportionally "
                        + "more or less for others (to rehearse real run times) (default: ${DEFAULT-VALUE}).")
        double simulateSeconds;

        @Option(names = "--pool", defaultValue = "cluster", paramLabel = "KIND",
                description = "How --workers N > 1 run: cluster (an embedded Hazelcast coordinator and N workers in "
                        + "this JVM, the code path of a real cluster) or threads (plain local threads) "
                        + "(default: ${DEFAULT-VALUE}).")
        String pool;

        @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
                description = "What --evaluator dl4j trains on: fashion-mnist, mnist, cifar10 or folder "
                        + "(default: ${DEFAULT-VALUE}); the space's input must match it.")
        String dataset;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Where the dataset's files are (default for fashion-mnist: "
                        + "/usr/share/datasets/fashion-mnist, Debian's dataset-fashion-mnist).")
        Path dataDir;

        @Option(names = "--epochs", defaultValue = "1", paramLabel = "E",
                description = "Proxy-training epochs per candidate (default: ${DEFAULT-VALUE}).")
        double epochs;

        @Option(names = "--subset", defaultValue = "0", paramLabel = "N",
                description = "Training images used per candidate, 0 = all (default: ${DEFAULT-VALUE}).")
        int subset;

        @Option(names = "--batch-size", defaultValue = "128", paramLabel = "B",
                description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
        int batchSize;

        ExperimentOptions options() {
            if (!evaluator.equals("surrogate") && !evaluator.equals("dl4j")) {
                throw new InvalidInputException("--evaluator: unknown kind '" + evaluator + "', expected surrogate or dl4j");
            }
            if (!pool.equals("cluster") && !pool.equals("threads")) {
                throw new InvalidInputException("--pool: unknown kind '" + pool + "', expected cluster or threads");
            }
            if (simulateSeconds != 0 && !evaluator.equals("surrogate")) {
                throw new InvalidInputException("--simulate-seconds: only the surrogate simulates durations; drop it "
                        + "or use --evaluator surrogate");
            }
            TrainingSettings training = TrainingSettings.defaults().withEpochs(epochs).withSubset(subset)
                    .withBatchSize(batchSize);
            Path cacheDir = noCache ? null : cache != null ? cache : ResultCache.defaultDirectory();
            return ExperimentOptions.of(out, resume, workers, cacheDir, fresh, ordered || workers == 1, seed, training);
        }

        /** The evaluator for a reference architecture (the surrogate calibrates to it). */
        EvaluatorChoice evaluator(ArchSpec reference) {
            EvaluatorChoice choice = evaluator.equals("dl4j") ? dl4jEvaluator()
                    : EvaluatorChoice.surrogate(reference, SimulatedDuration.proportionalToMacs(simulateSeconds));
            // Several workers run as an embedded Hazelcast cluster: the same queues, leases and
            // exactly-once recording as coordinator + worker processes, in this JVM.
            return pool.equals("threads") || workers == 1 ? choice
                    : choice.withPool((blocking, n, kind) -> EmbeddedCluster.start(n, kind, slot -> blocking));
        }

        /**
         * Real training: the dataset is read once, minival held out with the experiment seed, and one
         * {@link Dl4jEvaluator} (stateless per call) serves every local worker thread, the cores shared
         * between them.
         */
        private EvaluatorChoice dl4jEvaluator() {
            SplitDataset data = SplitDataset.of(
                    DatasetLoader.load(DatasetRequest.of(DatasetKind.parse(dataset), dataDir)),
                    SplitOptions.from(options().training(), seed));
            NativeBackend.enableLayerHelpers();
            DevicePinning.pinCpu(DeviceList.parse("cpu:" + workers));
            Dl4jEvaluator dl4j = new Dl4jEvaluator(data, new Dl4jEvaluator.Options(SplitName.MINIVAL, false,
                    TrainingProgress.Listener.none()));
            return EvaluatorChoice.of("dl4j", dl4j,
                    data.describe(SplitName.MINIVAL) + "@" + data.checksum(SplitName.MINIVAL));
        }

        LiveProgress progress(String phase) {
            return LiveProgress.of(System.err, LiveProgress.isTerminal(), 10, phase, evaluator.equals("surrogate"),
                    () -> workers);
        }
    }
}
