package org.effnas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.export.ExportOptions;
import org.effnas.worker.export.ExportedModel;
import org.effnas.worker.export.OnnxExport;
import org.effnas.worker.export.OnnxOpset;
import org.effnas.worker.train.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code effnas export MODEL --format onnx}: writes a saved model as ONNX with its preprocessing contract. */
@Command(name = "export",
        description = {
                "Export a saved model (the --out folder of `effnas train`, best/ of an experiment, or a model.zip) "
                        + "as an ONNX graph: input NCHW float32 named 'input', outputs 'logits' and 'probabilities'. "
                        + "The normalisation, resolution, channels, class names, spec and metrics go into the "
                        + "model's metadata and into preprocess.json beside it. See docs/deploy.md."},
        footer = {"", "Examples:",
                "  effnas export runs/mini --format onnx",
                "  effnas export runs/b0/model.zip --format onnx --out b0.onnx --opset 13"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "DIR|MODEL.zip", description = "Model folder or its model.zip.")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx",
            description = "Export format; onnx is the one there is (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: model.onnx beside model.zip).")
    Path out;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "" + OnnxOpset.DEFAULT,
            description = "ONNX opset, " + OnnxOpset.MIN + ".." + OnnxOpset.MAX + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--no-softmax", description = "Output only 'logits', without the 'probabilities' softmax.")
    boolean noSoftmax;

    @Override
    public Integer call() {
        InputCheck.refuse(!format.equals("onnx"), "--format: '" + format + "' is not an export format; use onnx");
        ExportOptions options = ExportOptions.of(opset, !noSoftmax);
        Path zip = ModelArchive.modelFile(model);
        NativeBackend.prepare();
        Path target = out != null ? out : zip.toAbsolutePath().getParent().resolve(OnnxExport.FILE);
        ExportedModel e = OnnxExport.export(model, target, options);
        PrintWriter stdout = command.commandLine().getOut();
        stdout.printf("effnas export: %s (opset %d, %d nodes, %,d parameters, %,d bytes); preprocessing in %s%n",
                e.file(), e.opset(), e.nodes(), e.parameters(), e.bytes(), e.preprocess());
        stdout.flush();
        return Effnas.EXIT_OK;
    }
}
