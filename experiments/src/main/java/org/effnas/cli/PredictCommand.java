package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.ImageSplit;
import org.effnas.eval.EvalJson;
import org.effnas.report.Csv;
import org.effnas.worker.export.ImageClassifier;
import org.effnas.worker.export.ModelInput;
import org.effnas.worker.train.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effnas predict MODEL --data DIR}: top-k predictions and accuracy of a saved model with either engine. */
@Command(name = "predict",
        description = {
                "Classify a dataset's images with a saved model and print the top-k classes of each image and the "
                        + "top-1 accuracy against the labels. The model's own preprocessing (resolution, "
                        + "normalisation, channels) is applied; class names are the model's (folder names for a "
                        + "model trained on an image folder). --engine dl4j runs model.zip, onnxruntime runs "
                        + "model.onnx (see `effnas export`)."},
        footer = {"", "Examples:",
                "  effnas predict runs/mini --data /usr/share/datasets/fashion-mnist --limit 100",
                "  effnas predict runs/mini --data /usr/share/datasets/fashion-mnist --engine onnxruntime --format csv",
                "  effnas predict runs/pets/model.onnx --dataset folder --data ~/pets --split train --top 3"})
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder, model.zip or model.onnx.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "Dataset folder.")
    Path data;

    @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist, mnist, cifar10 or folder "
            + "(default: the dataset the model was trained on).")
    String dataset;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "test or train "
            + "(default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dl4j", description = "dl4j or onnxruntime "
            + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes listed per image "
            + "(default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only the first N images "
            + "(default: all).")
    int limit;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "ONNX Runtime intra-op threads; "
            + "0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or csv "
            + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        InputCheck.refuse(!format.equals("json") && !format.equals("csv"),
                "--format: '" + format + "' is not json or csv");
        InputCheck.refuse(!split.equals("test") && !split.equals("train"),
                "--split: '" + split + "' is not test or train");
        ImageClassifier.Engine e = ImageClassifier.Engine.parse(engine);
        try (ImageClassifier classifier = ImageClassifier.open(model, e, threads)) {
            Preprocessing pre = classifier.preprocessing();
            int k = Math.max(1, Math.min(top, pre.classNames().size()));
            DatasetKind kind = DatasetKind.parse(dataset != null ? dataset : pre.dataset());
            DatasetRequest request = DatasetRequest.of(kind, data);
            ImageDataset images = DatasetLoader.load(split.equals("test") ? request.withTest() : request);
            ImageSplit s = split.equals("test") ? images.test() : images.train();
            InputCheck.refuse(s == null, "--data: " + data + " has no test split; pass --split train");
            InputCheck.refuse(!images.classNames().equals(pre.classNames()),
                    "--data: " + data + " has classes " + images.classNames()
                    + " but the model predicts " + pre.classNames());
            int n = limit > 0 ? Math.min(limit, s.count()) : s.count();
            PrintWriter out = command.commandLine().getOut();
            ObjectNode json = EvalJson.MAPPER.createObjectNode().put("model", model.toString()).put("engine", e.id());
            ArrayNode rows = EvalJson.MAPPER.createArrayNode();
            List<List<String>> csvRows = new ArrayList<>();
            int correct = 0;
            int batch = 64;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                float[][] p = classifier.probabilities(ModelInput.of(s, from, to, pre), to - from);
                for (int i = from; i < to; i++) {
                    int[] order = ranked(p[i - from], k);
                    correct += order[0] == s.labels()[i] ? 1 : 0;
                    String label = pre.classNames().get(s.labels()[i]);
                    if (format.equals("csv")) {
                        List<String> line = new ArrayList<>(List.of(Integer.toString(i), label));
                        for (int j : order) {
                            line.add(pre.classNames().get(j));
                            line.add(String.format(Locale.ROOT, "%.6f", p[i - from][j]));
                        }
                        csvRows.add(line);
                    } else {
                        ArrayNode topK = rows.addObject().put("index", i).put("label", label).putArray("top");
                        for (int j : order) {
                            topK.addObject().put("class", pre.classNames().get(j)).put("p", p[i - from][j]);
                        }
                    }
                }
            }
            double accuracy = (double) correct / n;
            if (format.equals("json")) {
                json.put("images", n).put("correct", correct).put("top1", accuracy).set("predictions", rows);
                out.print(OutputFormat.json(json));
            } else {
                List<String> header = new ArrayList<>(List.of("index", "label"));
                for (int j = 1; j <= k; j++) {
                    header.addAll(List.of("class" + j, "p" + j));
                }
                out.print(Csv.text(header, csvRows));
            }
            out.flush();
            PrintWriter err = command.commandLine().getErr();
            err.printf(Locale.ROOT, "effnas predict: %s top-1 %.4f (%d/%d images of %s/%s)%n", e.id(), accuracy,
                    correct, n, kind.id(), split);
            err.flush();
        }
        return Effnas.EXIT_OK;
    }

    private static int[] ranked(float[] p, int k) {
        return IntStream.range(0, p.length).boxed().sorted((a, b) -> Float.compare(p[b], p[a])).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }
}
