package org.effnas.worker.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.data.SplitName;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.Dl4jRun;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Export of a trained, saved effnas-mini through the one-call API, and refusal of what cannot be exported. */
class TrainedExportTest {

    @Test
    void trainedEffnasMiniExportsBesideItsArchiveWithParity(@TempDir Path dir) throws Exception {
        ArchSpec spec = Architectures.get("effnas-mini").withInput(28, 1, 10);
        TrainingSettings settings = new TrainingSettings(0, 30, 0, 32, "adam", 3e-3, 0, "constant", 0, 0, false, 0.1,
                256);
        Dl4jRun run = new Dl4jEvaluator(ParityCheck.data(), Dl4jEvaluator.Options.reward())
                .run(Candidate.of("mini", spec, settings, 3), "test");
        assertTrue(run.result().ok(), run.result().failure());
        Preprocessing pre = Preprocessing.of(ParityCheck.data(), spec);
        ModelArchive.save(dir, run.network(), spec, EvalJson.result(run.result()), pre);

        ExportedModel exported = OnnxExport.exportBeside(dir.resolve(ModelArchive.MODEL));
        assertEquals(dir.resolve(OnnxExport.FILE).toAbsolutePath(), exported.file().toAbsolutePath());
        assertEquals(OnnxOpset.DEFAULT, exported.opset());
        assertEquals(pre, Preprocessing.fromJson(EvalJson.MAPPER.readTree(Files.readString(exported.preprocess())),
                "preprocess.json"));
        try (OnnxRuntimeModel model = OnnxRuntimeModel.load(exported.file(), 1)) {
            Map<String, String> meta = model.metadata();
            assertEquals("28", meta.get("effnas.resolution"));
            assertEquals("1", meta.get("effnas.channels"));
            assertTrue(meta.get("effnas.class_names").contains("Ankle boot"), meta.get("effnas.class_names"));
            assertEquals(Float.toString(pre.mean()[0]), meta.get("effnas.mean"));
            assertEquals(spec, org.effnas.notation.SpecFiles.parseYaml(meta.get("effnas.spec"), "metadata"));
            assertTrue(meta.containsKey("effnas.metrics"));
        }
        ComputationGraph loaded = ModelArchive.loadNetwork(dir);
        OnnxParityTest.assertParity("trained effnas-mini", loaded, pre, dir.resolve("again.onnx"));
        // after 30 Adam steps it has learnt something: the two engines then agree on real accuracy
        float[] x = ParityCheck.images(SplitName.TEST, 28, 1, ParityCheck.IMAGES);
        int[] labels = ParityCheck.labels(SplitName.TEST, ParityCheck.IMAGES);
        float[][] ort;
        try (OnnxRuntimeModel model = OnnxRuntimeModel.load(exported.file(), 1)) {
            ort = model.logits(x, ParityCheck.IMAGES, 1, 28);
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += ParityCheck.argmax(ort[i]) == labels[i] ? 1 : 0;
        }
        // both engines through the predict path (model's own preprocessing on raw test images): same top-1 per image
        org.effnas.data.ImageSplit test = ParityCheck.data().source().test();
        float[] raw = ModelInput.of(test, 0, 200, pre);
        float[][] byDl4j;
        float[][] byOrt;
        try (ImageClassifier a = ImageClassifier.open(dir, ImageClassifier.Engine.DL4J, 1);
             ImageClassifier b = ImageClassifier.open(dir, ImageClassifier.Engine.ONNXRUNTIME, 1)) {
            assertEquals(pre, b.preprocessing());
            byDl4j = a.probabilities(raw, 200);
            byOrt = b.probabilities(raw, 200);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(ParityCheck.argmax(byDl4j[i]), ParityCheck.argmax(byOrt[i]), "predicted class of image " + i);
        }
        for (ImageClassifier.Engine engine : ImageClassifier.Engine.values()) {
            InferenceLatency l = InferenceLatency.measure(dir, engine, 1, 4, 2, 5);
            assertEquals(engine.id(), l.engine());
            assertEquals(4, l.batch());
            assertTrue(l.minMs() > 0 && l.minMs() <= l.p10Ms() && l.p10Ms() <= l.medianMs()
                    && l.medianMs() <= l.p90Ms() && l.p90Ms() <= l.maxMs(), l.toString());
        }
        assertTrue(correct > 64 * 0.3, "ONNX Runtime top-1 of the trained model on 64 test images (chance 0.1): "
                + correct + "/64");
    }

    @Test
    void refusesALayerItCannotExpressNamingIt(@TempDir Path dir) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("maxpool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build(), "conv")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "maxpool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out")
                .build());
        net.init();
        Preprocessing pre = new Preprocessing(8, 1, new float[] {0.5f}, new float[] {0.25f},
                java.util.List.of("a", "b"), "test");
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> OnnxExport.write(net, pre, null, null, ExportOptions.defaults(), dir.resolve("x.onnx")));
        assertTrue(e.getMessage().contains("'maxpool'") && e.getMessage().contains("SubsamplingLayer"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.onnx")), "nothing written");
        // a ReLU6-style capped ReLU is a different function from ONNX Relu: refused too
        assertThrows(org.effnas.InvalidInputException.class, () -> OnnxOpset.of(12));
    }
}
