package org.effnas.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's default values of the experiment flags ({@code effnas search}, {@code effnas grid}),
 * taken from an experiment config: the file of {@code --config} when it was given, else the built-in
 * defaults of a config (the one set of defaults, see docs/experiments.md). picocli asks for a default
 * only for flags the command line did not give, after it parsed the given ones, so flags override the
 * file and the file overrides the built-in defaults.
 */
public final class ConfigDefaults implements IDefaultValueProvider {

    private Path loadedFrom;
    private Map<String, String> loaded;

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        OptionSpec config = arg.command().findOption(ConfigFileOption.NAME);
        Path file = config == null ? null : config.getValue();
        return values(file).get(option.longestName());
    }

    private synchronized Map<String, String> values(Path file) {
        if (loaded == null || (file == null ? loadedFrom != null : !file.equals(loadedFrom))) {
            loaded = file == null ? flags(builtIn(), false) : flags(ConfigLoader.load(file), true);
            loadedFrom = file;
        }
        return loaded;
    }

    /** The config of an empty file: every built-in default. */
    public static ExperimentConfig builtIn() {
        return ConfigLoader.parse("", "the built-in defaults", Path.of("."), "runs/experiment");
    }

    /** The flag values equivalent to a config; {@code --out} only from a file (a command needs one). */
    static Map<String, String> flags(ExperimentConfig c, boolean fromFile) {
        Map<String, String> f = new HashMap<>();
        f.put("--space", c.space().file() != null ? c.space().file() : c.space().name());
        StrategyConfig s = c.strategy();
        f.put("--strategy", s.name().text());
        f.put("--population", Integer.toString(s.population()));
        f.put("--tournament", Integer.toString(s.tournament()));
        f.put("--elites", Integer.toString(s.elites()));
        f.put("--crossover", ConfigSection.num(s.crossover()));
        f.put("--mutation", ConfigSection.num(s.mutation()));
        f.put("--random-baseline", Boolean.toString(s.randomBaseline()));
        f.put("--ordered", Boolean.toString(s.ordered()));
        f.put("--budget", Integer.toString(s.budget().evaluations()));
        if (!s.budget().wallTime().isZero()) {
            f.put("--max-time", s.budget().wallTime().toSeconds() + "s");
        }
        RewardConfig r = c.reward();
        if (r.targetMacs() != null) {
            f.put("--target-macs", Long.toString(r.targetMacs()));
        }
        if (r.targetLatencyMs() != null) {
            f.put("--target-latency-ms", ConfigSection.num(r.targetLatencyMs()));
        }
        f.put("--w", ConfigSection.num(r.w()));
        f.put("--hard", Boolean.toString(r.hard()));
        f.put("--cost", r.cost().text());
        f.put("--evaluator", c.evaluator().kind().text());
        boolean embedded = c.cluster().mode() == ClusterMode.EMBEDDED;
        f.put("--workers", Integer.toString(embedded ? c.cluster().embeddedWorkers() : c.evaluator().localWorkers()));
        f.put("--pool", fromFile && c.cluster().mode() == ClusterMode.LOCAL && c.evaluator().localWorkers() > 1
                ? "threads" : "cluster");
        f.put("--seed", Long.toString(c.seed()));
        if (fromFile) {
            f.put("--out", c.output());
        }
        f.put("--dataset", c.dataset().name());
        if (c.dataset().path() != null) {
            f.put("--data", c.dataset().path());
        }
        f.put("--epochs", ConfigSection.num(c.training().epochs()));
        f.put("--subset", Integer.toString(c.training().subset()));
        f.put("--batch-size", Integer.toString(c.training().batchSize()));
        SchedulerConfig sc = c.scheduler();
        f.put("--scheduler", sc.name());
        f.put("--min-steps", Long.toString(sc.minSteps()));
        f.put("--max-steps", Long.toString(sc.maxSteps()));
        f.put("--eta", Integer.toString(sc.eta()));
        f.put("--brackets", Integer.toString(sc.brackets()));
        GridConfig g = c.grid();
        if (g.base() != null) {
            f.put("--base", g.base());
        }
        f.put("--step", ConfigSection.num(g.step()));
        f.put("--tolerance", ConfigSection.num(g.tolerance()));
        f.put("--max", ConfigSection.num(g.max()));
        f.put("--seeds", Integer.toString(g.seeds()));
        f.put("--max-triples", Integer.toString(g.maxTriples()));
        if (g.resolutionDivisor() != null) {
            f.put("--resolution-divisor", Integer.toString(g.resolutionDivisor()));
        }
        if (g.achievedTolerance() != null) {
            f.put("--achieved-tolerance", ConfigSection.num(g.achievedTolerance()));
        }
        f.put("--no-single-dimension", Boolean.toString(!c.family().singleDimension()));
        // effnas grid alone plans no family unless asked (--family N) or the file has one
        f.put("--family", Integer.toString(fromFile && c.family().enabled() ? c.family().phiMax() : 0));
        return Map.copyOf(f);
    }
}
