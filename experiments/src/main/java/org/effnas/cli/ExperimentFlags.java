package org.effnas.cli;

import java.nio.file.Path;
import org.effnas.InvalidInputException;
import org.effnas.config.ClusterConfig;
import org.effnas.config.ClusterMode;
import org.effnas.config.ConfigDefaults;
import org.effnas.config.ConfigFileOption;
import org.effnas.config.ConfigLoader;
import org.effnas.config.DatasetConfig;
import org.effnas.config.EvaluatorConfig;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.SchedulerConfig;
import org.effnas.config.StrategyConfig;
import org.effnas.config.TrainingConfig;
import org.effnas.experiment.EvaluatorKind;
import org.effnas.pipeline.LaunchOptions;
import org.effnas.schedule.SchedulerName;
import org.effnas.schedule.SchedulerSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags {@code effnas search} and {@code effnas grid} share: the config file, evaluator, workers,
 * seed, data, training, multi-fidelity scheduler, cache, resume and output directory. Their defaults come from
 * {@link ConfigDefaults} (the {@code --config} file, else a config's built-in defaults); the flags
 * given turn the config into the one this command runs.
 */
public final class ExperimentFlags {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    ConfigFileOption config;

    @Option(names = "--evaluator", paramLabel = "KIND",
            description = "dl4j (trains each candidate), surrogate (analytic stand-in, no training) or command "
                    + "(the config's own trainer, with --config) (default: ${DEFAULT-VALUE}).")
    String evaluator;

    @Option(names = "--workers", paramLabel = "N",
            description = "Evaluations run at once in this JVM (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--pool", paramLabel = "KIND",
            description = "How --workers N > 1 run: cluster (an embedded Hazelcast coordinator and N workers in "
                    + "this JVM, the code path of a real cluster) or threads (plain local threads) "
                    + "(default: ${DEFAULT-VALUE}).")
    String pool;

    @Option(names = "--seed", paramLabel = "S",
            description = "Experiment seed: the same settings and seed give the same candidates, whichever command "
                    + "runs them (default: ${DEFAULT-VALUE}).")
    long seed;

    // a boolean flag with arity 0..1: given alone it means true whatever the default (picocli would
    // otherwise flip a default of true to false)
    @Option(names = "--ordered", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Process results in submission order, so that the candidates are the same with any number "
                    + "of workers; --ordered=false uses results as they arrive (better utilisation, "
                    + "timing-dependent) (default: ${DEFAULT-VALUE}).")
    boolean ordered;

    @Option(names = "--out", paramLabel = "DIR", description = "Experiment directory (default: the config's output).")
    Path out;

    @Option(names = "--resume", description = "Continue the experiment journalled in DIR (the same settings; the "
            + "budget and workers may change).")
    boolean resume;

    @Mixin
    SessionOptions session;

    @Option(names = "--simulate-seconds", defaultValue = "0", paramLabel = "X",
            description = "Surrogate only: sleep X seconds per evaluation at the reference's MACs, proportionally "
                    + "more or less for others (to rehearse real run times) (default: ${DEFAULT-VALUE}).")
    double simulateSeconds;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "What --evaluator dl4j trains on: fashion-mnist, mnist, cifar10 or folder "
                    + "(default: ${DEFAULT-VALUE}); the space's input is set to the dataset's.")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the dataset's files are (default: ${DEFAULT-VALUE}; for fashion-mnist Debian's "
                    + "dataset-fashion-mnist folder).")
    Path dataDir;

    @Option(names = "--epochs", paramLabel = "E",
            description = "Proxy-training epochs per candidate (default: ${DEFAULT-VALUE}).")
    double epochs;

    @Option(names = "--subset", paramLabel = "N",
            description = "Training images used per candidate, 0 = all (default: ${DEFAULT-VALUE}).")
    int subset;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--scheduler", paramLabel = "NAME",
            description = "Multi-fidelity scheduler: fifo (every candidate trains the recipe once), asha "
                    + "(rungs at --min-steps * --eta^k up to --max-steps, the top 1/eta continue from their "
                    + "checkpoint) or hyperband (--brackets ASHA brackets) (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--min-steps", paramLabel = "N",
            description = "Training steps of the lowest rung (asha, hyperband) (default: ${DEFAULT-VALUE}).")
    long minSteps;

    @Option(names = "--max-steps", paramLabel = "N",
            description = "Training steps of the top rung and the length of every run's learning-rate schedule; "
                    + "fifo: 0 = the training recipe's budget (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--eta", paramLabel = "N",
            description = "Rung spacing and reduction factor: the top 1/eta of a rung continue (default: "
                    + "${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--brackets", paramLabel = "N",
            description = "Hyperband brackets (bracket s starts at rung s); 1 for fifo and asha (default: "
                    + "${DEFAULT-VALUE}).")
    int brackets;

    /** Whether a flag was given on the command line (rather than defaulted from the config). */
    boolean given(String flag) {
        return command.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /** The config these flags start from: the {@code --config} file, else the built-in defaults. */
    ExperimentConfig base() {
        return config.file() != null ? ConfigLoader.load(config.file()) : ConfigDefaults.builtIn();
    }

    /** The config with the shared flags applied: evaluator, workers, seed, order, data, training, output. */
    ExperimentConfig apply(ExperimentConfig c) {
        EvaluatorKind kind = EvaluatorKind.parse(evaluator);
        InputCheck.refuse(workers < 1 || workers > 256, "--workers: must be in [1, 256], got " + workers);
        InputCheck.refuse(!pool.equals("cluster") && !pool.equals("threads"),
                "--pool: unknown kind '" + pool + "', expected cluster or threads");
        InputCheck.refuse(simulateSeconds != 0 && kind != EvaluatorKind.SURROGATE,
                "--simulate-seconds: only the surrogate simulates durations; drop it or use --evaluator surrogate");
        InputCheck.refuse(out == null, "--out: give the experiment directory (or a --config with an output)");
        ClusterConfig cluster = c.cluster();
        int localWorkers = c.evaluator().localWorkers();
        // a config's cluster stays unless the workers are set here
        if (cluster.mode() != ClusterMode.HAZELCAST || given("--workers") || given("--pool")) {
            boolean embedded = workers > 1 && pool.equals("cluster");
            cluster = new ClusterConfig(embedded ? ClusterMode.EMBEDDED : ClusterMode.LOCAL, embedded ? workers : 0,
                    null, null, embedded ? cluster.leaseTimeout() : null, embedded ? cluster.heartbeat() : null,
                    embedded ? cluster.maxAttempts() : null);
            localWorkers = embedded ? 1 : workers;
        }
        DatasetConfig d = DatasetConfig.NAMES.contains(dataset) ? (dataset.equals(c.dataset().name()) ? c.dataset()
                : DatasetConfig.of(dataset)) : null;
        InputCheck.refuse(d == null, "--dataset: unknown dataset '" + dataset + "', expected one of "
                + String.join(", ", DatasetConfig.NAMES));
        d = new DatasetConfig(d.name(), dataDir != null ? dataDir.toString() : d.path(), d.minival(), d.resolution());
        TrainingConfig t = c.training();
        long steps = given("--epochs") ? 0 : t.steps();
        TrainingConfig training = new TrainingConfig(epochs, steps, subset, batchSize, t.optimizer(), t.learningRate(),
                t.schedule(), t.warmupEpochs(), t.weightDecay(), t.labelSmoothing(), t.augment(), t.preciseBnImages(),
                t.engine(), t.precision());
        StrategyConfig s = c.strategy();
        StrategyConfig strategy = new StrategyConfig(s.name(), s.population(), s.tournament(), s.elites(), s.crossover(),
                s.mutation(), s.randomBaseline(), ordered, s.budget());
        InputCheck.refuse(kind == EvaluatorKind.COMMAND && !c.evaluator().isCommand(),
                "--evaluator command: the trainer's argv comes from a config "
                + "(evaluator.command, docs/experiments.md); pass --config FILE");
        EvaluatorConfig evaluator = new EvaluatorConfig(kind, localWorkers,
                kind == EvaluatorKind.COMMAND ? c.evaluator().command() : null);
        SchedulerConfig scheduler = scheduler(c);
        String conflict = ExperimentConfig.engineConflict(training, evaluator, scheduler);
        InputCheck.refuse(conflict != null, "training.engine: " + conflict);
        return new ExperimentConfig(d, c.space(), c.reward(), strategy, training, evaluator, c.grid(), c.family(),
                cluster, seed, out.toString(), scheduler, c.latency());
    }

    /**
     * The scheduler of the flags. Given alone, {@code --scheduler asha} takes the ladder of a
     * scheduler of that name (min 30, max 810 steps) unless the config's scheduler is already one.
     */
    private SchedulerConfig scheduler(ExperimentConfig c) {
        SchedulerName name = SchedulerName.parse(scheduler, "--scheduler");
        SchedulerConfig file = c.scheduler();
        boolean renamed = !name.text().equals(file.name());
        long min = !given("--min-steps") && renamed ? (name == SchedulerName.FIFO ? 0 : 30) : minSteps;
        long max = !given("--max-steps") && renamed ? (name == SchedulerName.FIFO ? 0 : 810) : maxSteps;
        int b = !given("--brackets") && renamed ? (name == SchedulerName.HYPERBAND ? 2 : 1) : brackets;
        try {
            return SchedulerConfig.of(SchedulerSettings.of(name, min, max, eta, b));
        } catch (InvalidInputException e) {
            // the settings name the key (scheduler.min_steps: ...): say the flag instead
            String m = e.getMessage();
            for (String key : new String[] {"min_steps", "max_steps", "eta", "brackets", "name"}) {
                m = m.replace("scheduler." + key, key.equals("name") ? "--scheduler" : "--" + key.replace('_', '-'));
            }
            throw new InvalidInputException(m);
        }
    }

    /** How this session runs: the directory, resume, the cache and simulated durations. */
    LaunchOptions launch() {
        return session.launch(out, resume, simulateSeconds, command);
    }
}
