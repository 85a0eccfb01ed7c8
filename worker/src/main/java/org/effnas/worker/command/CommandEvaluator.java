package org.effnas.worker.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.data.Augmentation;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;
import org.effnas.version.CodeVersion;
import org.effnas.worker.train.TrainingPlan;

/**
 * Evaluates a candidate by running the user's trainer as a process: writes
 * {@code evaluations/<candidate>/attempt-<n>/request.json}, runs the command with {@code {request}}
 * and {@code {result}} substituted and {@code CUDA_VISIBLE_DEVICES} set to this slot's GPU (empty on
 * a CPU slot), logs its output to {@code log.txt} there, and reads {@code result.json}. A non-zero
 * exit, a timeout, a missing or malformed result, an out-of-range accuracy or a parameter count
 * other than the cost model's is a failed result whose reason quotes the end of stderr; the cluster's
 * attempts machinery retries it. One instance per device slot.
 */
public final class CommandEvaluator implements BlockingEvaluator {

    /** The evaluator kind recorded in provenance. */
    public static final String KIND = "command";

    private final CommandSettings settings;
    private final CommandDataset data;
    private final OptionalInt gpu;
    private final String commandVersion;

    private CommandEvaluator(CommandSettings settings, CommandDataset data, OptionalInt gpu) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.data = Objects.requireNonNull(data, "data");
        this.gpu = Objects.requireNonNull(gpu, "gpu");
        this.commandVersion = CommandVersion.of(settings);
    }

    /** @param gpu the GPU ordinal of this slot, empty for a CPU slot */
    public static CommandEvaluator of(CommandSettings settings, CommandDataset data, OptionalInt gpu) {
        return new CommandEvaluator(settings, data, gpu);
    }

    /** The device in words, as provenance records it: {@code cpu} or {@code gpu1}. */
    public String device() {
        return gpu.isPresent() ? "gpu" + gpu.getAsInt() : "cpu";
    }

    @Override
    public EvalResult evaluate(Candidate candidate, String workerId) {
        long start = System.nanoTime();
        ArchSpec spec = candidate.spec();
        String mismatch = mismatch(spec);
        if (mismatch != null) {
            return EvalResult.failed(candidate, mismatch, seconds(start), workerId, provenance(candidate, null, null));
        }
        Path dir;
        try {
            dir = attemptDirectory(candidate.id());
        } catch (IOException e) {
            return EvalResult.failed(candidate, "cannot create the evaluation directory under " + settings.evaluations()
                    + ": " + e.getMessage(), seconds(start), workerId, provenance(candidate, null, null));
        }
        Path request = dir.resolve("request.json");
        Path result = dir.resolve("result.json");
        Path log = dir.resolve("log.txt");
        Cost cost = CostModel.of(spec);
        ProcessTree.Outcome outcome;
        try {
            data.writeSplit();
            Files.writeString(request, request(candidate, dir).toPrettyString());
            outcome = ProcessTree.run(argv(request, result), environment(), settings.workdir(), settings.timeout(), log);
        } catch (IOException e) {
            return EvalResult.failed(candidate, "command " + settings.argv().get(0) + " could not be started: "
                    + e.getMessage(), seconds(start), workerId, provenance(candidate, null, null));
        }
        String failure = null;
        CommandResult r = null;
        if (outcome.timedOut()) {
            failure = "timed out after " + settings.timeout().toSeconds() + " s; the command's process tree was killed";
        } else if (outcome.cancelled()) {
            failure = "cancelled; the command's process tree was killed";
        } else if (outcome.exitCode() != 0) {
            failure = "command exited with status " + outcome.exitCode()
                    + (outcome.exitCode() > 128 ? " (killed by signal " + (outcome.exitCode() - 128) + ")" : "");
        } else {
            try {
                r = CommandResult.read(result);
                if (r.params() >= 0 && r.params() != cost.params()) {
                    failure = "params: the command's network has " + r.params() + " trainable parameters but the "
                            + "cost model counts " + cost.params() + " for " + candidate.specKey()
                            + "; the command built a different network than the one searched";
                }
            } catch (CommandResult.Refused e) {
                failure = e.getMessage();
            }
        }
        Provenance provenance = provenance(candidate, r == null ? null : r.version(), r == null ? null : r.device());
        if (failure != null) {
            return EvalResult.failed(candidate, failure + tail(outcome) + " (log: " + log + ")", seconds(start),
                    workerId, provenance);
        }
        return new EvalResult(candidate.id(), candidate.specKey(), r.top1(), r.top5(), r.loss(), cost.params(),
                cost.macs(), r.latencyMs(), r.trainImagesPerSecond(), seconds(start), workerId, null, provenance);
    }

    /** The request JSON: everything a trainer needs, nothing it must derive from effnas' code. */
    ObjectNode request(Candidate c, Path dir) {
        ArchSpec spec = c.spec();
        ObjectNode n = EvalJson.MAPPER.createObjectNode();
        n.put("schema", "effnas-command-request/1");
        n.put("candidate_id", c.id());
        n.put("spec_key", c.specKey());
        n.set("spec", EvalJson.spec(spec));
        ArrayNode blocks = n.putArray("block_strings");
        spec.stages().forEach(s -> blocks.add(BlockStrings.format(s)));
        n.put("resolution", spec.resolution());
        n.put("in_channels", spec.inChannels());
        n.put("classes", spec.classes());
        n.put("seed", c.seed());
        n.set("training", EvalJson.training(c.training()));
        TrainingPlan plan = TrainingPlan.of(c.training(), data.trainImages());
        ObjectNode budget = n.putObject("budget");
        budget.put("total_steps", plan.totalSteps());
        budget.put("steps_per_epoch", plan.stepsPerEpoch());
        budget.put("warmup_steps", plan.schedule().getWarmupSteps());
        budget.put("train_until_step", plan.totalSteps());
        Augmentation aug = Augmentation.forTraining(data.kind(), c.training().augment());
        ObjectNode augmentation = n.putObject("augmentation");
        augmentation.put("padding", aug.paddingAt(spec.resolution()));
        augmentation.put("flip", aug.flip());
        n.set("dataset", data.json());
        ObjectNode checkpoint = n.putObject("checkpoint");
        checkpoint.putNull("resume_from");
        checkpoint.put("write_to", dir.resolve("checkpoint.pt").toAbsolutePath().toString());
        ObjectNode device = n.putObject("device");
        device.put("kind", gpu.isPresent() ? "gpu" : "cpu");
        device.put("index", gpu.orElse(0));
        device.put("cuda_visible_devices", cudaVisibleDevices());
        n.put("measure_latency", settings.measureLatency());
        n.put("cost_model_params", CostModel.of(spec).params());
        return n;
    }

    private List<String> argv(Path request, Path result) {
        List<String> argv = new ArrayList<>();
        for (String a : settings.argv()) {
            argv.add(a.replace(CommandSettings.REQUEST, request.toAbsolutePath().toString())
                    .replace(CommandSettings.RESULT, result.toAbsolutePath().toString()));
        }
        return argv;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(settings.env());
        env.put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices());
        return env;
    }

    private String cudaVisibleDevices() {
        return gpu.isPresent() ? Integer.toString(gpu.getAsInt()) : "";
    }

    /** {@code evaluations/<id>/attempt-<n>}: the first n not taken, so retries never overwrite a log. */
    private Path attemptDirectory(String candidateId) throws IOException {
        Path base = settings.evaluations().resolve(candidateId.replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.createDirectories(base);
        for (int n = 1; ; n++) {
            try {
                return Files.createDirectory(base.resolve("attempt-" + n));
            } catch (FileAlreadyExistsException taken) {
                // another attempt (an earlier run, or a retry on this worker) has it
            }
        }
    }

    private Provenance provenance(Candidate c, String trainerVersion, String trainerDevice) {
        String version = CodeVersion.current() + "; command " + commandVersion
                + (trainerVersion == null ? "" : "; trainer " + trainerVersion)
                + "; device " + device() + (trainerDevice == null ? "" : " (" + trainerDevice + ")");
        return Provenance.of(KIND, c.seed(), c.training(), data.describe(), data.checksum(), version);
    }

    private String mismatch(ArchSpec spec) {
        if (spec.inChannels() != data.channels()) {
            return "spec has " + spec.inChannels() + " input channels but " + data.kind().id() + " images have "
                    + data.channels();
        }
        if (spec.classes() != data.classes()) {
            return "spec has " + spec.classes() + " classes but " + data.kind().id() + " has " + data.classes();
        }
        return null;
    }

    private static String tail(ProcessTree.Outcome o) {
        if (o.stderrTail().isEmpty()) {
            return "; stderr was empty";
        }
        String t = String.join(" | ", o.stderrTail());
        return "; stderr tail: " + (t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
