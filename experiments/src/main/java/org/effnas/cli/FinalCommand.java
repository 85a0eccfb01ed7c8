package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.InvalidSettingException;
import org.effnas.eval.TrainingSettings;
import org.effnas.experiment.FinalPlan;
import org.effnas.config.ExperimentConfig;
import org.effnas.config.FinalConfig;
import org.effnas.pipeline.FinalLaunch;
import org.effnas.report.FinalPoint;
import org.effnas.report.statistics.AccuracyInterval;
import org.effnas.worker.backend.NativeBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effnas final DIR}: trains a finished experiment's winners at full budget and measures them on the test split. */
@Command(name = "final",
        description = {
            "Train the chosen winners of a finished experiment at full budget, measure them on the dataset's test "
                    + "split (which the search, grid and family never saw), and save and export each: "
                    + "final/<member>/model.zip, model.onnx and preprocess.json, one row per member in final.csv "
                    + "(test top-1 with its image count n), and the report's 'Final models' table.",
            "Members: baseline (the search winner, B0) and the family's names as family.csv gives them (B1, B2, "
                    + "D1, W1, R1, ...). A member with a top-rung checkpoint in checkpoints/ continues it; others "
                    + "train from scratch with their evaluation's seed. Training is DL4J in this process, one member "
                    + "at a time, whatever evaluator the experiment used. The recipe is the config's final: section "
                    + "(its keys override training:), the flags below over it. Run it again to resume: finished "
                    + "members are in final-journal.jsonl and are not trained again."},
        footer = {"", "Examples:",
            "  effnas final runs/demo --members baseline,B1 --epochs 10",
            "  effnas final runs/fm --members baseline,B2,W2 --steps 5000 --batch-size 128", "",
            "Exit codes: 0 every member trained, 1 a member failed, 2 not a finished experiment directory, an "
                    + "unknown member or a bad value."})
public final class FinalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A finished experiment directory (the --out of "
            + "effnas run, search or grid).")
    Path dir;

    @Option(names = "--members", paramLabel = "LIST", description = "Comma-separated members, e.g. baseline,B1 "
            + "(default: the config's final.members).")
    String members;

    @Option(names = "--epochs", paramLabel = "X", description = "Passes over the training split (default: "
            + "final.epochs, " + FinalConfig.DEFAULT_EPOCHS + " unless the config says otherwise).")
    Double epochs;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps instead of epochs (default: "
            + "final.steps).")
    Long steps;

    @Option(names = "--subset", paramLabel = "N", description = "Train on N images of the training split (default: "
            + "final.subset, 0 = all but minival).")
    Integer subset;

    @Option(names = "--batch-size", paramLabel = "N", description = "Mini-batch size (default: final.batch_size, "
            + "else training.batch_size).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: final.learning_rate, "
            + "else training.learning_rate).")
    Double learningRate;

    @Option(names = "--data", paramLabel = "DIR", description = "Read the dataset from this folder instead of "
            + "the config's dataset.path.")
    Path data;

    @Override
    public Integer call() throws Exception {
        NativeBackend.prepare(); // before anything loads ND4J's native code
        ExperimentConfig c = FinalLaunch.config(dir);
        FinalConfig f = c.finalTraining();
        if (members != null) {
            f = f.withMembers(FinalConfig.split(members));
        }
        InputCheck.refuse(f.members().isEmpty(), "--members: none given and " + dir.resolve("config.yaml") + " names no "
                + "final.members; e.g. --members baseline,B1");
        try {
            FinalPlan.of(f.members(), TrainingSettings.defaults()); // twice named, baseline with B0
        } catch (InvalidSettingException e) {
            throw new InvalidInputException("--members: " + e.problem());
        }
        Set<String> valid = FinalConfig.validNames(c.grid(), c.family());
        for (String m : f.members()) {
            InputCheck.refuse(!valid.contains(m), "--members: unknown member '" + m + "'; " + dir + " has "
                    + String.join(", ", valid));
        }
        f = f.withBudget(check("--epochs", epochs, f.epochs()), steps == null ? f.steps() : count("--steps", steps),
                subset == null ? f.subset() : (int) count("--subset", subset));
        InputCheck.refuse(batchSize != null && batchSize < 1, "--batch-size: must be >= 1, got " + batchSize);
        InputCheck.refuse(learningRate != null && !(learningRate > 0 && learningRate <= 10),
                "--lr: must be in (0, 10], got " + learningRate);
        f = f.withOptimizer(batchSize, learningRate);
        c = c.withFinal(f);
        if (data != null) {
            c = c.withDataPath(data.toAbsolutePath().toString());
        }
        FinalLaunch.Result result = FinalLaunch.run(dir, c, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "%-9s %-34s %-10s %-8s %s", "member", "test top-1 (95% CI)", "n",
                "steps", "model"));
        boolean ok = true;
        for (FinalPoint p : result.rows()) {
            ok &= p.m().ok();
            AccuracyInterval a = AccuracyInterval.of(p.m().ok() ? List.of(p.m().top1()) : List.of(), p.testImages());
            out.println(String.format(Locale.ROOT, "%-9s %-34s %-10d %-8d %s", p.member(),
                    p.m().ok() ? a.text() : "FAILED: " + p.m().failure(), p.testImages(), p.steps(),
                    p.model() + (p.onnx() ? " (model.zip, model.onnx)" : " (model.zip)")));
        }
        out.println("effnas: final.csv and the report: " + result.report().toAbsolutePath());
        out.flush();
        return ok && result.rows().size() == f.members().size() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    private static double check(String flag, Double value, double def) {
        if (value == null) {
            return def;
        }
        InputCheck.refuse(!(value > 0 && value <= 10_000), flag + ": must be in (0, 10000], got " + value);
        return value;
    }

    private static long count(String flag, long value) {
        InputCheck.refuse(value < 0 || value > Integer.MAX_VALUE,
                flag + ": must be in [0, " + Integer.MAX_VALUE + "], got " + value);
        return value;
    }
}
