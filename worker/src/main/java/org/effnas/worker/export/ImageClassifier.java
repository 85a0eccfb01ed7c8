package org.effnas.worker.export;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalJson;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A saved model ready to classify preprocessed images, run by DL4J ({@code model.zip}) or by ONNX
 * Runtime ({@code model.onnx}); both give class probabilities.
 */
public interface ImageClassifier extends AutoCloseable {

    /** The engine that runs a model. */
    enum Engine {
        DL4J, ONNXRUNTIME;

        /** Parses {@code dl4j} or {@code onnxruntime}. */
        public static Engine parse(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "dl4j" -> DL4J;
                case "onnxruntime", "ort" -> ONNXRUNTIME;
                default -> throw new InvalidInputException("--engine: unknown engine '" + name
                        + "'; use dl4j or onnxruntime");
            };
        }

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the model expects and what its outputs mean. */
    Preprocessing preprocessing();

    /** Class probabilities of {@code n} NCHW images, [n][classes]. */
    float[][] probabilities(float[] nchw, int n);

    @Override
    void close();

    /**
     * Opens {@code model}: a model folder (its {@code model.zip} for DL4J, {@code model.onnx} for ONNX
     * Runtime), a {@code model.zip} or a {@code .onnx} file (whose preprocessing is read from its metadata).
     */
    static ImageClassifier open(Path model, Engine engine, int threads) {
        if (engine == Engine.DL4J) {
            if (model.toString().endsWith(".onnx")) {
                throw new InvalidInputException(model + ": the dl4j engine runs model.zip; pass the model folder or"
                        + " use --engine onnxruntime");
            }
            NativeBackend.prepare();
            Preprocessing pre = ModelArchive.loadPreprocessing(model);
            ComputationGraph net = ModelArchive.loadNetwork(model);
            return new ImageClassifier() {
                @Override
                public Preprocessing preprocessing() {
                    return pre;
                }

                @Override
                public float[][] probabilities(float[] nchw, int n) {
                    int r = pre.resolution();
                    INDArray out = net.outputSingle(false, Nd4j.create(nchw, n, pre.channels(), r, r));
                    return out.toFloatMatrix();
                }

                @Override
                public void close() {
                }
            };
        }
        Path file = Files.isDirectory(model) ? model.resolve(OnnxExport.FILE) : model;
        if (!file.toString().endsWith(".onnx")) {
            file = file.toAbsolutePath().getParent().resolve(OnnxExport.FILE);
        }
        OnnxRuntimeModel ort = OnnxRuntimeModel.load(file, threads);
        String json = ort.metadata().get("effnas.preprocess");
        if (json == null) {
            ort.close();
            throw new InvalidInputException(file + ": no effnas.preprocess metadata; export it with `effnas export`");
        }
        Preprocessing pre;
        try {
            pre = Preprocessing.fromJson(EvalJson.MAPPER.readTree(json), file + " metadata");
        } catch (java.io.IOException e) {
            ort.close();
            throw new InvalidInputException(file + ": effnas.preprocess metadata is not JSON (" + e.getMessage() + ")");
        }
        Preprocessing contract = pre;
        return new ImageClassifier() {
            @Override
            public Preprocessing preprocessing() {
                return contract;
            }

            @Override
            public float[][] probabilities(float[] nchw, int n) {
                return ort.run(nchw, n, contract.channels(), contract.resolution(), GraphExporter.PROBABILITIES);
            }

            @Override
            public void close() {
                ort.close();
            }
        };
    }
}
