package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Evaluator;
import org.effnas.eval.LocalEvaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.journal.JournalFile;
import org.effnas.journal.JournalHeader;
import org.effnas.reward.Reward;
import org.effnas.schedule.CheckpointRelease;
import org.effnas.schedule.SchedulerSettings;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.surrogate.SpaceReference;
import org.effnas.surrogate.SurrogateEvaluator;
import org.effnas.trust.FidelityStudy;
import org.effnas.trust.RankAgreement;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.train.CheckpointStore;
import org.effnas.worker.train.Dl4jEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas fidelity}: the study to run before choosing {@code min_steps}: N random architectures of a
 * space trained through every rung (continued training), and how well each rung ranks them like the top
 * rung does (Kendall tau and Spearman rho with bootstrap 95% intervals).
 */
@Command(name = "fidelity",
        description = {
                "Train N random architectures of a search space through every rung of a ladder (min_steps * eta^k "
                        + "up to max_steps, each rung continuing the last one's checkpoint) and print, for each "
                        + "rung, Kendall tau and Spearman rho of its minival top-1 ranking against the top rung's, "
                        + "with bootstrap 95%% intervals: how short a proxy can be before its ranking stops meaning "
                        + "anything. Writes journal.jsonl, fidelity.json, the chart rung-ladder-fidelity.png (and .svg) and checkpoints/ under --out; --resume "
                        + "continues a crashed study."},
        footer = {"", "Examples:",
                "  effnas fidelity --out runs/fidelity --architectures 20 --min-steps 30 --max-steps 810",
                "  effnas fidelity --out runs/fidelity-s --evaluator surrogate"})
public final class FidelityCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--space", paramLabel = "NAME", defaultValue = "mnasnet-small",
            description = "Built-in search space or a space file (default: ${DEFAULT-VALUE}).")
    String space;

    @Mixin
    TrainingDataOptions data;

    @Option(names = "--evaluator", paramLabel = "KIND", defaultValue = "dl4j",
            description = "dl4j (train for real) or surrogate (analytic learning curves, no training) "
                    + "(default: ${DEFAULT-VALUE}).")
    String evaluator;

    @Option(names = "--architectures", paramLabel = "N", defaultValue = "20",
            description = "Random architectures (default: ${DEFAULT-VALUE}).")
    int architectures;

    @Option(names = "--min-steps", paramLabel = "N", defaultValue = "30", description = "Lowest rung (default: ${DEFAULT-VALUE}).")
    long minSteps;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "810", description = "Top rung and the "
            + "length of every run's learning-rate schedule (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--eta", paramLabel = "N", defaultValue = "3", description = "Rung spacing factor (default: ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001", description = "Adam peak learning rate, "
            + "cosine decay over --max-steps (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Local worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Study directory.")
    Path out;

    @Option(names = "--resume", description = "Continue the study in --out.")
    boolean resume;

    @Override
    public Integer call() {
        InputCheck.refuse(architectures < RankAgreement.MIN_CANDIDATES,
                "--architectures: must be >= " + RankAgreement.MIN_CANDIDATES
                + " to rank anything, got " + architectures);
        SchedulerSettings ladder = SchedulerSettings.asha(minSteps, maxSteps, eta);
        boolean surrogate = switch (evaluator) {
            case "surrogate" -> true;
            case "dl4j" -> false;
            default -> throw new InvalidInputException("--evaluator: must be dl4j or surrogate, got " + evaluator);
        };
        PrintWriter err = command.commandLine().getErr();
        TrainingSettings training = new TrainingSettings(0, maxSteps, 0, data.batch, "adam", learningRate, 0, "cosine", 0,
                0, false, 0.1, TrainingSettings.DEFAULT_PRECISE_BN_IMAGES);
        SearchSpace base = space.endsWith(".yaml") || space.endsWith(".json") ? SearchSpaces.load(Path.of(space))
                : SearchSpaces.builtin(space);
        BlockingEvaluator one;
        SearchSpace s;
        CheckpointRelease release;
        if (surrogate) {
            s = base;
            one = SurrogateEvaluator.of(SpaceReference.of(s));
            release = CheckpointRelease.none();
        } else {
            NativeBackend.prepare();
            ImageDataset images = data.load();
            s = new SearchSpace(base.name(), base.backbone(), base.choices(), base.stem(), base.head(),
                    images.height(), images.channels(), images.numClasses(), base.filterDivisor(), base.activation(),
                    base.dropout(), base.dropConnect());
            CheckpointStore store = CheckpointStore.at(out.resolve("checkpoints"));
            one = new Dl4jEvaluator(SplitDataset.of(images, SplitOptions.from(training, seed)),
                    Dl4jEvaluator.Options.reward()).withCheckpoints(store);
            release = store;
        }
        ObjectNode config = EvalJson.MAPPER.createObjectNode().put("space", s.name()).put("dataset", data.name)
                .put("evaluator", evaluator).put("architectures", architectures).put("min_steps", minSteps)
                .put("max_steps", maxSteps).put("eta", eta);
        config.set("training", EvalJson.training(training));
        RunSettings settings = RunSettings.of(training, seed,
                Reward.of(CostModel.of(SpaceReference.of(s)).macs(), Reward.DEFAULT_W, Reward.DEFAULT_W,
                        org.effnas.reward.CostMetric.MACS), SearchBudget.evaluations(architectures))
                .withOrdered(workers == 1);
        err.println("effnas fidelity: " + architectures + " random " + s.name() + " architectures through rungs "
                + ladder.ladder().steps() + (surrogate ? " (SURROGATE: no network is trained)" : " on " + data.name));
        err.flush();
        FidelityStudy study;
        try (JournalFile journal = JournalFile.open(out.resolve("journal.jsonl"), JournalHeader.of("fidelity", config,
                seed), resume, line -> err.println(line));
             Evaluator pool = LocalEvaluator.of(one, workers, surrogate ? SurrogateEvaluator.KIND : "dl4j")) {
            study = FidelityStudy.run(s, pool, journal, settings, ladder, release, new ProgressListener() {
                @Override
                public void progress(org.effnas.search.SearchProgress p) {
                }

                @Override
                public void message(String line) {
                    err.println(line);
                    err.flush();
                }
            });
        }
        PrintWriter stdout = command.commandLine().getOut();
        stdout.println((surrogate ? "SURROGATE " : "") + "rank agreement of each rung with the top rung ("
                + ladder.ladder().stepsAt(ladder.ladder().top()) + " steps), 95% bootstrap intervals:");
        stdout.println(String.format(Locale.ROOT, "%-5s %7s %10s %-22s %-22s", "rung", "steps", "candidates",
                "Kendall tau", "Spearman rho"));
        ArrayNode rows = EvalJson.MAPPER.createArrayNode();
        for (RankAgreement a : study.againstTop()) {
            stdout.println(String.format(Locale.ROOT, "%-5d %7d %10d %-22s %-22s", a.fromRung(),
                    ladder.ladder().stepsAt(a.fromRung()), a.common(), a.kendall(), a.spearman()));
            rows.addObject().put("rung", a.fromRung()).put("steps", ladder.ladder().stepsAt(a.fromRung()))
                    .put("candidates", a.common()).put("kendall_tau", a.kendall().estimate())
                    .put("kendall_low", a.kendall().low()).put("kendall_high", a.kendall().high())
                    .put("spearman_rho", a.spearman().estimate()).put("spearman_low", a.spearman().low())
                    .put("spearman_high", a.spearman().high());
        }
        stdout.println(study.trust().sentence());
        stdout.flush();
        ObjectNode json = EvalJson.MAPPER.createObjectNode();
        json.put("evaluator", surrogate ? SurrogateEvaluator.KIND : "dl4j");
        json.set("config", config);
        json.set("against_top", rows);
        json.put("sentence", study.trust().sentence());
        FidelityLadder.write(FidelityLadder.of(study, surrogate), out);
        json.put("chart", FidelityLadder.NAME + ".png");
        try {
            Files.writeString(out.resolve("fidelity.json"), OutputFormat.json(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("fidelity.json") + ": " + e.getMessage(), e);
        }
        return Effnas.EXIT_OK;
    }
}
