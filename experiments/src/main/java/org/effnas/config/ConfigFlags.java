package org.effnas.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.effnas.InvalidInputException;

/**
 * {@code --config FILE} for the commands that take their settings as flags ({@code effnas search},
 * {@code effnas grid}): the config's settings are added as the equivalent flags, each only where the
 * command line does not give that flag already, so flags override the config. A config setting that
 * those commands have no flag for (an optimizer, a cluster, ...) is refused with a pointer to
 * {@code effnas run --config}, rather than silently dropped.
 */
public final class ConfigFlags {

    private static final List<String> COMMANDS = List.of("search", "grid");

    private ConfigFlags() {
    }

    /** The arguments with the config's flags added; unchanged when there is no {@code --config} for search or grid. */
    public static String[] expand(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return args;
        }
        String file = value(args, "--config");
        if (file == null) {
            return args;
        }
        ExperimentConfig c = ConfigLoader.load(Path.of(file));
        refuseWhatHasNoFlag(args[0], c);
        List<String> out = new ArrayList<>(Arrays.asList(args));
        List<String[]> flags = args[0].equals("search") ? searchFlags(c) : gridFlags(c);
        flags.addAll(sharedFlags(c));
        for (String[] f : flags) {
            if (!given(args, f[0])) {
                out.addAll(Arrays.asList(f));
            }
        }
        return out.toArray(String[]::new);
    }

    private static List<String[]> searchFlags(ExperimentConfig c) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"--space", c.space().file() != null ? c.space().file() : c.space().name()});
        f.add(new String[] {"--strategy", c.strategy().name()});
        f.add(new String[] {"--budget", Integer.toString(c.strategy().budget().evaluations())});
        if (!c.strategy().budget().wallTime().isZero()) {
            f.add(new String[] {"--max-time", c.strategy().budget().wallTime().toSeconds() + "s"});
        }
        boolean macs = c.reward().cost().equals("macs");
        f.add(new String[] {"--target-macs", macs ? Long.toString(c.reward().targetMacs())
                : num(c.reward().targetLatencyMs())});
        f.add(new String[] {"--cost", c.reward().cost()});
        f.add(new String[] {"--w", num(c.reward().w())});
        if (c.reward().mode().equals("hard")) {
            f.add(new String[] {"--hard"});
        }
        f.add(new String[] {"--population", Integer.toString(c.strategy().population())});
        return f;
    }

    private static List<String[]> gridFlags(ExperimentConfig c) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"--step", num(c.grid().step())});
        f.add(new String[] {"--tolerance", num(c.grid().tolerance())});
        f.add(new String[] {"--max", num(c.grid().max())});
        f.add(new String[] {"--seeds", Integer.toString(c.grid().seeds())});
        f.add(new String[] {"--max-triples", Integer.toString(c.grid().maxTriples())});
        if (!c.family().singleDimension()) {
            f.add(new String[] {"--no-single-dimension"});
        }
        if (c.family().enabled()) {
            f.add(new String[] {"--family", Integer.toString(c.family().phiMax())});
        }
        return f;
    }

    private static List<String[]> sharedFlags(ExperimentConfig c) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"--evaluator", c.evaluator().kind()});
        f.add(new String[] {"--workers", Integer.toString(c.evaluator().localWorkers())});
        f.add(new String[] {"--seed", Long.toString(c.seed())});
        if (c.strategy().ordered()) {
            f.add(new String[] {"--ordered"});
        }
        f.add(new String[] {"--out", c.output()});
        f.add(new String[] {"--epochs", num(c.training().epochs())});
        f.add(new String[] {"--subset", Integer.toString(c.training().subset())});
        f.add(new String[] {"--batch-size", Integer.toString(c.training().batchSize())});
        return f;
    }

    /** Settings the flag commands cannot take: refused, naming them and what to run instead. */
    private static void refuseWhatHasNoFlag(String command, ExperimentConfig c) {
        List<String> keys = new ArrayList<>();
        TrainingConfig t = c.training();
        TrainingConfig d = TrainingConfig.defaults();
        check(keys, "training.steps", t.steps() != d.steps());
        check(keys, "training.optimizer", !t.optimizer().equals(d.optimizer()));
        check(keys, "training.learning_rate", t.learningRate() != d.learningRate());
        check(keys, "training.schedule", !t.schedule().equals(d.schedule()));
        check(keys, "training.warmup_epochs", t.warmupEpochs() != d.warmupEpochs());
        check(keys, "training.weight_decay", t.weightDecay() != d.weightDecay());
        check(keys, "training.label_smoothing", t.labelSmoothing() != d.labelSmoothing());
        check(keys, "training.augment", t.augment() != d.augment());
        check(keys, "dataset.minival", c.dataset().minival() != 0.1);
        check(keys, "cluster.mode", !c.cluster().mode().equals("local"));
        check(keys, "evaluator.command", c.evaluator().isCommand());
        check(keys, "strategy.random_baseline", command.equals("search") && c.strategy().randomBaseline());
        if (!keys.isEmpty()) {
            throw new InvalidInputException("effnas " + command + " --config: " + String.join(", ", keys)
                    + (keys.size() == 1 ? " has" : " have") + " no effnas " + command + " flag; run the whole "
                    + "experiment with 'effnas run --config FILE' (or 'effnas coordinator' for a cluster), or remove "
                    + (keys.size() == 1 ? "it" : "them") + " from the config");
        }
    }

    private static void check(List<String> keys, String key, boolean unsupported) {
        if (unsupported) {
            keys.add(key);
        }
    }

    private static String value(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    private static boolean given(String[] args, String name) {
        return Arrays.stream(args).anyMatch(a -> a.equals(name) || a.startsWith(name + "="));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
