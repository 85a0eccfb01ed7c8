package org.effnas.worker.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.effnas.InvalidInputException;

/**
 * An exported model loaded into ONNX Runtime (CPU execution provider, all graph optimisations, a
 * fixed number of intra-op threads), run on NCHW float32 batches. Closing it frees the session.
 */
public final class OnnxRuntimeModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path file;

    private OnnxRuntimeModel(Path file, OrtSession session, OrtEnvironment env) {
        this.file = file;
        this.session = session;
        this.env = env;
    }

    /**
     * Loads {@code file}.
     *
     * @param threads intra-op threads; 0 lets ONNX Runtime choose (one per core)
     */
    public static OnnxRuntimeModel load(Path file, int threads) {
        return load(file, threads, true);
    }

    /**
     * Loads {@code file}; {@code optimise} false runs the graph as written (no Conv+BatchNormalization
     * fusion or other rewrites), which the parity test uses to measure ONNX Runtime's own rounding.
     */
    public static OnnxRuntimeModel load(Path file, int threads, boolean optimise) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no ONNX model there; write one with `effnas export`");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(optimise ? OrtSession.SessionOptions.OptLevel.ALL_OPT
                    : OrtSession.SessionOptions.OptLevel.NO_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
            }
            return new OnnxRuntimeModel(file, env.createSession(file.toString(), options), env);
        } catch (OrtException e) {
            throw new InvalidInputException(file + ": ONNX Runtime cannot load it (" + e.getMessage() + ")");
        }
    }

    /**
     * Loads a model held in memory (an export that was never written to disk), with all graph
     * optimisations; {@code name} stands for the file in messages.
     */
    public static OnnxRuntimeModel load(byte[] model, String name, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
            }
            return new OnnxRuntimeModel(Path.of(name), env.createSession(model, options), env);
        } catch (OrtException e) {
            throw new IllegalStateException(name + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
    }

    /** The model's metadata_props (custom metadata). */
    public Map<String, String> metadata() {
        try {
            return session.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": cannot read metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code n} images ({@code nchw} holds n x channels x size x size floats) and returns output
     * {@code output} ({@value GraphExporter#LOGITS} or {@value GraphExporter#PROBABILITIES}), [n][classes].
     */
    public float[][] run(float[] nchw, int n, int channels, int size, String output) {
        long[] shape = {n, channels, size, size};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw, 0, n * channels * size * size),
                shape);
             OrtSession.Result result = session.run(Map.of(GraphExporter.INPUT, input),
                     java.util.Set.of(output))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed to run (" + e.getMessage() + ")", e);
        }
    }

    /** Pre-softmax class scores of {@code n} images. */
    public float[][] logits(float[] nchw, int n, int channels, int size) {
        return run(nchw, n, channels, size, GraphExporter.LOGITS);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": cannot close the session: " + e.getMessage(), e);
        }
    }
}
