package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.TrainingSettings;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.train.Dl4jEvaluator;
import org.effnas.worker.train.Dl4jRun;
import org.effnas.worker.train.ModelArchive;
import org.effnas.worker.train.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code effnas train ARCH}: trains one architecture (DL4J or the NHWC engine) on real data, prints the JSON. */
@Command(name = "train",
        description = {
                "Train one architecture (with DL4J, or --engine onednn-nhwc) on a real dataset and print the "
                        + "result as JSON: top1, top5 and loss on minival (on the test split with --test), trainable "
                        + "params, multiply-adds, training images/s, inference latency and throughput, wall time and "
                        + "provenance. A progress line (epoch, step/total, loss, images/s, ETA) goes to stderr while "
                        + "it trains.",
                "ARCH is a built-in name (effnas-mini, efficientnet-b0 .. b7, mnasnet-a1) or a YAML/JSON spec file. "
                        + "A built-in name takes the dataset's channels, classes and image size; a spec file keeps "
                        + "its own resolution (images are resized to it) and input channels (they must match the "
                        + "dataset's), and takes the dataset's classes. --resolution overrides the resolution. "
                        + "--width/--depth apply compound scaling (channels rounded to multiples of 8) to ARCH first."},
        footer = {"", "Examples:",
                "  effnas train effnas-mini --epochs 1",
                "  effnas train efficientnet-b0 --stem-stride 1 --width 0.5 --depth 0.5 --epochs 4 --schedule cosine "
                        + "--test --out runs/b0-fmnist",
                "  effnas train runs/fm/best/spec.yaml --epochs 4 --test",
                "  effnas train effnas-mini --dataset cifar10 --data ~/data/cifar-10-batches-bin --steps 500 "
                        + "--optimizer rmsprop"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Mixin
    NetShapeOptions net;

    @Mixin
    TrainingDataOptions data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "Passes over the training "
            + "images (default: ${DEFAULT-VALUE}; fractions allowed).")
    double epochs;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "0", description = "Optimizer steps instead of "
            + "epochs (default: 0 = use --epochs).")
    long steps;

    @Option(names = "--subset", paramLabel = "N", defaultValue = "0", description = "Train on N images only "
            + "(stratified; default: 0 = all but minival).")
    int subset;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", description = "adam, or rmsprop "
            + "(decay 0.9, momentum 0.9, eps 1e-3 as in the paper) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: 1e-3 for adam, "
            + "0.256 * batch / 4096 for rmsprop, the paper's rule).")
    Double learningRate;

    @Option(names = "--warmup-epochs", paramLabel = "X", defaultValue = "0", description = "Linear warm-up "
            + "length (default: ${DEFAULT-VALUE}).")
    double warmupEpochs;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant", description = "constant, "
            + "exponential (x0.97 every 2.4 epochs) or cosine (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0", description = "L2 weight decay on "
            + "conv and dense weights (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--label-smoothing", paramLabel = "X", defaultValue = "0", description = "Label smoothing "
            + "(default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--augment", description = "Random crop with padding (and flip where the dataset allows).")
    boolean augment;

    @Option(names = "--minival-fraction", paramLabel = "X", defaultValue = "0.1", description = "Share of the "
            + "training split held out as minival (default: ${DEFAULT-VALUE}).")
    double minivalFraction;

    @Option(names = "--precise-bn", paramLabel = "N", defaultValue = "" + TrainingSettings.DEFAULT_PRECISE_BN_IMAGES,
            description = "After training, recompute batch-norm statistics over N training images before "
            + "evaluating; 0 keeps the running averages (default: ${DEFAULT-VALUE}).")
    int preciseBn;

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: a spec file's own, "
            + "else the dataset's image size); for --dataset folder, images of mixed sizes are resized to R when read.")
    Integer resolution;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of weights, data order "
            + "and the minival split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test", description = "Report metrics on the test split instead of minival.")
    boolean test;

    @Option(names = "--out", paramLabel = "DIR", description = "Save model.zip, spec.yaml and metrics.json here.")
    Path out;

    @Override
    public Integer call() {
        NativeBackend.prepare(); // before anything loads ND4J's native code
        DatasetRequest request = data.request();
        double lr = learningRate != null ? learningRate
                : optimizer.equals("rmsprop") ? 0.256 * data.batch / 4096 : 1e-3;
        TrainingSettings settings = new TrainingSettings(steps > 0 ? 0 : epochs, steps, subset, data.batch, optimizer,
                lr, warmupEpochs, schedule, weightDecay, labelSmoothing, augment, minivalFraction, preciseBn)
                .withEngine(engineOptions.engine, engineOptions.precision);
        PrintWriter err = command.commandLine().getErr();
        if (request.kind() == DatasetKind.FOLDER && resolution != null) {
            request = request.withImageSize(resolution); // a folder of mixed sizes is read at one size
        }
        ImageDataset images = DatasetLoader.load(test ? request.withTest() : request);
        ArchSpec spec = adapt(net.base(), images);
        SplitDataset splits = SplitDataset.of(images, SplitOptions.from(settings, seed));
        err.println("effnas train: " + net.architecture + " at " + spec.resolution() + "x" + spec.resolution() + "x"
                + spec.inChannels() + ", " + spec.classes() + " classes; " + NativeBackend.describe());
        err.flush();
        Dl4jEvaluator evaluator = new Dl4jEvaluator(splits, new Dl4jEvaluator.Options(
                test ? SplitName.TEST : SplitName.MINIVAL, true, p -> {
                    err.println(p.line());
                    err.flush();
                }));
        Dl4jRun run = evaluator.run(Candidate.of("train", spec, settings, seed), "local-cpu0");
        ObjectNode json = json(run, spec);
        if (out != null && run.network() != null && run.result().ok()) {
            ModelArchive.save(out, run.network(), spec, json, Preprocessing.of(splits, spec));
            json.put("saved_to", out.toString());
        }
        PrintWriter stdout = command.commandLine().getOut();
        stdout.print(OutputFormat.json(json));
        stdout.flush();
        return run.result().ok() ? Effnas.EXIT_OK : Effnas.EXIT_FAILED;
    }

    /** The spec to train: ARCH adapted to the dataset's input as the command's description says. */
    ArchSpec adapt(ArchSpec base, ImageDataset images) {
        boolean file = net.isFile();
        InputCheck.refuse(file && base.inChannels() != images.channels(),
                net.architecture + ": in_channels is " + base.inChannels() + " but " + data.name
                + " images have " + images.channels() + " channel(s); set in_channels: " + images.channels()
                + " in the spec, or train it on a dataset with " + base.inChannels() + " channels");
        InputCheck.refuse(!file && resolution == null && images.height() != images.width(),
                "--resolution: " + data.name + " images are " + images.height() + "x"
                + images.width() + "; pass a square resolution");
        int r = resolution != null ? resolution : file ? base.resolution() : images.height();
        return net.apply(base.withInput(r, images.channels(), images.numClasses()));
    }

    private static ObjectNode json(Dl4jRun run, ArchSpec spec) {
        ObjectNode n = EvalJson.result(run.result());
        if (run.training() != null) {
            n.put("images_per_second", run.training().imagesPerSecond()).put("train_steps", run.training().steps())
                    .put("train_seconds", run.training().seconds()).put("final_train_loss", run.training().finalLoss());
        }
        if (run.speed() != null) {
            n.put("inference_images_per_second_batch64", run.speed().imagesPerSecond());
        }
        if (run.accuracy() != null) {
            n.put("evaluated_images", run.accuracy().images());
        }
        n.set("spec", EvalJson.spec(spec));
        return n;
    }
}
