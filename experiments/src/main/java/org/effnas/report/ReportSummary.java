package org.effnas.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.config.ExperimentConfig;
import org.effnas.eval.EvalJson;
import org.effnas.report.statistics.AccuracyInterval;

/**
 * The first screen of the report: what won and how sure it is. The winning baseline with its
 * accuracy, interval, n, cost and latency (from {@code best/metrics.json} when the winner was
 * trained again for {@code best/model.zip}, else from the search), the grid winner with its margin
 * over the runner-up, the family one row per model, the files to use next with their commands, and
 * {@code best/model.onnx} with its accuracy under both engines when it exists.
 */
public record ReportSummary(Optional<Baseline> baseline, Optional<GridOutcome> grid, List<ModelRow> family,
                            List<NextStep> nextSteps, DirectoryContents contents, Optional<DeployedModel> deployed) {

    /** File under the experiment directory with the trained winner's figures. */
    public static final String BEST_METRICS = "best/metrics.json";

    /**
     * The winning baseline: the candidate with the best reward of the main search run (the best
     * top-1 when no reward is known), with the figures shown.
     *
     * @param source   where the figures come from: {@link #BEST_METRICS} or {@code candidates.csv}
     * @param searched the search's own accuracy of the candidate (equal to {@code accuracy} when
     *                 the figures come from the search)
     */
    public record Baseline(String candidateId, String run, double reward, AccuracyInterval accuracy, long macs,
                           long params, double latencyMs, String source, AccuracyInterval searched) {
    }

    /** A file to use next, what it is and the command that uses it. */
    public record NextStep(String file, String what, String command) {
    }

    public static ReportSummary of(Path dir, ExperimentConfig config, ExperimentResults r, DirectoryContents contents)
            throws IOException {
        List<GridTriple> triples = GridTriple.of(r.grid(), r.evalImages());
        return new ReportSummary(baseline(dir, r), GridOutcome.of(triples), ModelRow.of(r.family(), r.evalImages())
                        .stream().map(m -> m.withOnnxIn(dir)).toList(),
                nextSteps(dir, config), contents, DeployedModel.read(dir));
    }

    static Optional<Baseline> baseline(Path dir, ExperimentResults r) throws IOException {
        List<String> runs = r.runs();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        String main = runs.stream().filter(n -> !n.equals("random")).findFirst().orElse(runs.get(0));
        List<SearchPoint> ok = r.search().stream().filter(p -> p.run().equals(main) && p.m().ok()).toList();
        boolean rewards = ok.stream().anyMatch(p -> Double.isFinite(p.reward()));
        Optional<SearchPoint> best = ok.stream().filter(p -> !rewards || Double.isFinite(p.reward()))
                .max(Comparator.comparingDouble(p -> rewards ? p.reward() : p.m().top1()));
        if (best.isEmpty()) {
            return Optional.empty();
        }
        SearchPoint b = best.get();
        AccuracyInterval searched = AccuracyInterval.of(List.of(b.m().top1()), r.evalImages());
        Path metrics = dir.resolve(BEST_METRICS);
        if (Files.isRegularFile(metrics)) {
            JsonNode m = readJson(metrics);
            double top1 = m.path("top1").asDouble(Double.NaN);
            return Optional.of(new Baseline(b.m().candidateId(), main, b.reward(),
                    AccuracyInterval.of(List.of(top1), r.evalImages()), m.path("macs").asLong(b.m().macs()),
                    m.path("params").asLong(b.m().params()), m.path("latency_ms").asDouble(Double.NaN), BEST_METRICS,
                    searched));
        }
        return Optional.of(new Baseline(b.m().candidateId(), main, b.reward(), searched, b.m().macs(), b.m().params(),
                b.m().latencyMs(), ResultTables.CANDIDATES, searched));
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return EvalJson.MAPPER.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new InvalidInputException(file + ": not valid JSON (" + ex.getOriginalMessage()
                    + "); it was not written by effnas or is truncated");
        }
    }

    static List<NextStep> nextSteps(Path dir, ExperimentConfig config) throws IOException {
        List<NextStep> steps = new ArrayList<>();
        String data = config == null ? "" : " --dataset " + config.dataset().name()
                + (config.dataset().path() == null ? "" : " --data " + config.dataset().path());
        for (String spec : List.of("best/spec.yaml", "best.yaml", "winner.yaml")) {
            Path p = dir.resolve(spec);
            if (Files.isRegularFile(p)) {
                String what = spec.equals("winner.yaml") ? "the grid winner's spec" : "the winning baseline's spec";
                steps.add(new NextStep(p.toString(), what + "; train it fully (4 epochs, test split)",
                        "effnas train " + p + data + " --epochs 4 --test --out " + dir.resolve("best-trained")));
                break;
            }
        }
        Path model = dir.resolve("best/model.zip");
        if (Files.isRegularFile(model)) {
            steps.add(new NextStep(model.toString(), "the trained winner (DL4J ComputationGraph, with spec.yaml and "
                    + "metrics.json beside it)", ""));
        }
        Path onnx = dir.resolve("best/model.onnx");
        if (Files.isRegularFile(onnx)) {
            steps.add(new NextStep(onnx.toString(), "the trained winner as ONNX, for any ONNX runtime", ""));
        }
        Path family = dir.resolve("family");
        if (Files.isDirectory(family)) {
            try (Stream<Path> s = Files.list(family)) {
                List<Path> specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
                if (!specs.isEmpty()) {
                    Path last = specs.get(specs.size() - 1);
                    steps.add(new NextStep(family + "/", specs.size() + " scaled specs (" + specs.stream()
                            .map(p -> p.getFileName().toString()).reduce((a, b) -> a + ", " + b).orElse("")
                            + "); each keeps its own resolution", "effnas train " + last + data + " --epochs 4 --test"));
                }
            }
        }
        return steps;
    }
}
