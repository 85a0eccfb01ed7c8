package org.effnas.worker.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.data.Normalization;
import org.effnas.data.SplitDataset;
import org.effnas.eval.EvalJson;
import org.effnas.spec.ArchSpec;

/**
 * What a deployed model expects of its input and what its outputs mean, as the training used it:
 * an image resized (bilinear) to {@code resolution} x {@code resolution}, each channel's 0..255
 * value {@code v} mapped to {@code (v / 255 - mean[c]) / std[c]}, laid out NCHW float32; output
 * index {@code i} is class {@code classNames[i]}. A grey image fed to a 3-channel model is
 * replicated into the three channels. Saved as {@value #FILE} beside a model and inside its
 * metadata.
 *
 * @param resolution input height and width in pixels
 * @param channels   input channels
 * @param mean       per-channel mean of v / 255 over the training split
 * @param std        per-channel standard deviation of v / 255
 * @param classNames class names, index = output index
 * @param dataset    the dataset the model was trained on, e.g. {@code fashion-mnist}
 */
public record Preprocessing(int resolution, int channels, float[] mean, float[] std, List<String> classNames,
                            String dataset) {

    /** File name beside {@code model.zip} and {@code model.onnx}. */
    public static final String FILE = "preprocess.json";
    /** Version tag of the JSON layout. */
    public static final String FORMAT = "effnas-preprocess/1";

    public Preprocessing {
        if (resolution < 1 || channels < 1) {
            throw new InvalidInputException("preprocess: resolution and channels must be >= 1, got " + resolution
                    + " and " + channels);
        }
        if (mean.length != channels || std.length != channels) {
            throw new InvalidInputException("preprocess: need " + channels + " means and stds, got " + mean.length
                    + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new InvalidInputException("preprocess: std must be > 0, got " + s);
            }
        }
        if (classNames.isEmpty()) {
            throw new InvalidInputException("preprocess: class_names is empty");
        }
        mean = mean.clone();
        std = std.clone();
        classNames = List.copyOf(classNames);
    }

    /**
     * The preprocessing of a model trained on data normalised by {@code n}. A model with more
     * input channels than the data (3 for grey images) takes the grey statistics on each channel.
     */
    public static Preprocessing of(Normalization n, int resolution, int channels, List<String> classNames,
                                   String dataset) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = n.mean()[n.channels() == channels ? c : 0];
            std[c] = n.std()[n.channels() == channels ? c : 0];
        }
        return new Preprocessing(resolution, channels, mean, std, classNames, dataset);
    }

    /** The preprocessing of a network built from {@code spec} and trained on {@code data}. */
    public static Preprocessing of(SplitDataset data, ArchSpec spec) {
        return of(data.normalization(), spec.resolution(), spec.inChannels(), data.source().classNames(),
                data.source().kind().id());
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Normalised value of raw pixel {@code v} (0..255) of channel {@code c}. */
    public float normalise(int c, float v) {
        return (v / 255f - mean[c]) / std[c];
    }

    /** The JSON form written to {@value #FILE}. */
    public ObjectNode toJson() {
        ObjectNode root = EvalJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode input = root.putObject("input");
        input.put("name", "input");
        input.put("layout", "NCHW");
        input.put("dtype", "float32");
        input.put("channels", channels);
        input.put("height", resolution);
        input.put("width", resolution);
        root.put("resize", "bilinear");
        root.put("pixel_scale", 255);
        ArrayNode m = root.putArray("mean");
        ArrayNode s = root.putArray("std");
        for (int c = 0; c < channels; c++) {
            m.add(mean[c]);
            s.add(std[c]);
        }
        root.put("formula", "x[c] = (pixel[c] / 255 - mean[c]) / std[c]; a grey image goes into every channel");
        ArrayNode names = root.putArray("class_names");
        classNames.forEach(names::add);
        root.put("dataset", dataset);
        ObjectNode outputs = root.putObject("outputs");
        outputs.put("logits", "[N, " + classNames.size() + "] pre-softmax scores, index = class_names index");
        outputs.put("probabilities", "[N, " + classNames.size() + "] softmax of logits");
        return root;
    }

    /** Reads the JSON form; {@code source} names the file in errors. */
    public static Preprocessing fromJson(JsonNode root, String source) {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(source + ": not an effnas preprocessing file (format must be " + FORMAT
                    + "); export the model again");
        }
        JsonNode input = root.path("input");
        int channels = input.path("channels").asInt(-1);
        int resolution = input.path("height").asInt(-1);
        float[] mean = floats(root.path("mean"));
        float[] std = floats(root.path("std"));
        List<String> names = new ArrayList<>();
        root.path("class_names").forEach(n -> names.add(n.asText()));
        try {
            return new Preprocessing(resolution, channels, mean, std, names, root.path("dataset").asText(""));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    private static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p && p.resolution == resolution && p.channels == channels
                && java.util.Arrays.equals(p.mean, mean) && java.util.Arrays.equals(p.std, std)
                && p.classNames.equals(classNames) && p.dataset.equals(dataset);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(resolution, channels, java.util.Arrays.hashCode(mean),
                java.util.Arrays.hashCode(std), classNames, dataset);
    }

    @Override
    public String toString() {
        return "Preprocessing[" + channels + "x" + resolution + "x" + resolution + ", mean="
                + java.util.Arrays.toString(mean) + ", std=" + java.util.Arrays.toString(std) + ", "
                + classNames.size() + " classes of " + dataset + "]";
    }
}
