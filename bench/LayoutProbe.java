import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.MBConv;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The layout lever, measured: an MBConv net's training step time with DL4J's stock layers in NCHW
 * against the same layers in NHWC, so that a user can see what an NHWC translation of effnas's graph
 * could gain. effnas's batch-norm kernels, SE channel scale and residual vertex are NCHW-only, so the
 * NCHW/NHWC arms use DL4J's own layers and leave SE out (same in both arms); {@code effnas} runs
 * effnas's real graph of the same spec for reference. One random batch (a step's cost does not depend
 * on the pixels). A benchmark: it prints one line, asserts nothing. Run through bench/layout-probe.sh.
 *
 * <p>Arguments: {@code nchw|nhwc|effnas BN ARCH BATCH STEPS WARMUP}, BN {@code stock} (DL4J's
 * BatchNormalization, then a swish ActivationLayer) or {@code none} (convolution, then swish).
 */
public final class LayoutProbe {

    private final GraphBuilder graph;
    private final CNN2DFormat format;
    private final boolean batchNorm;
    private int layers;

    private LayoutProbe(ArchSpec spec, CNN2DFormat format, boolean batchNorm) {
        this.format = format;
        this.batchNorm = batchNorm;
        this.graph = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(spec.resolution(), spec.resolution(), spec.inChannels(), format));
    }

    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: LayoutProbe nchw|nhwc|effnas stock|none ARCH BATCH STEPS WARMUP");
            System.exit(2);
        }
        String arm = args[0];
        boolean batchNorm = switch (args[1]) {
            case "stock" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("BN must be stock or none, got " + args[1]);
        };
        ArchSpec spec = Architectures.resolve(args[2]);
        int batch = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        NativeBackend.prepare();
        boolean nhwc = arm.equals("nhwc");
        ComputationGraph net = switch (arm) {
            case "effnas" -> GraphTranslator.build(spec, GraphOptions.defaults(1));
            case "nchw", "nhwc" -> new LayoutProbe(spec, nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW, batchNorm).build(spec);
            default -> throw new IllegalArgumentException("arm must be nchw, nhwc or effnas, got " + arm);
        };
        int r = spec.resolution();
        INDArray x = nhwc ? Nd4j.rand(DataType.FLOAT, batch, r, r, spec.inChannels())
                : Nd4j.rand(DataType.FLOAT, batch, spec.inChannels(), r, r);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, spec.classes());
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % spec.classes(), 1f);
        }
        DataSet data = new DataSet(x, y);
        for (int i = 0; i < warmup; i++) {
            net.fit(data);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("arm=%s bn=%s arch=%s batch=%d params=%d ms_per_step=%.1f images_per_second=%.1f%n",
                arm, arm.equals("effnas") ? "effnas" : args[1], args[2], batch, net.numParams(),
                1000 * seconds / steps, batch * steps / seconds);
    }

    private ComputationGraph build(ArchSpec spec) {
        String x = conv("input", spec.stem().kernel(), spec.stem().stride(), spec.stem().filters(), true);
        for (Block b : spec.blocks()) {
            if (!(b.op() instanceof MBConv mb)) {
                throw new IllegalArgumentException("block " + b.index() + ": the probe translates MBConv blocks only");
            }
            String in = x;
            if (mb.expansion() != 1) {
                x = conv(x, 1, 1, b.expandedFilters(), true);
            }
            String dw = "dw" + layers++;
            graph.addLayer(dw, new DepthwiseConvolution2D.Builder(b.kernel(), b.kernel()).stride(b.stride(), b.stride())
                    .depthMultiplier(1).hasBias(false).activation(Activation.IDENTITY).dataFormat(format).build(), x);
            x = normalize(dw, true);
            x = conv(x, 1, 1, b.outputFilters(), false);
            if (b.residual()) {
                String add = "add" + layers++;
                graph.addVertex(add, new ElementWiseVertex(ElementWiseVertex.Op.Add), x, in);
                x = add;
            }
        }
        x = conv(x, 1, 1, spec.head().filters(), true);
        // DL4J's global pooling reduces the dimensions it is told, whatever the input's format
        int[] spatial = format == CNN2DFormat.NHWC ? new int[] {1, 2} : new int[] {2, 3};
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(spatial)
                .collapseDimensions(true).build(), x);
        graph.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(spec.classes())
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool");
        graph.setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    private String conv(String in, int kernel, int stride, int filters, boolean activate) {
        String name = "conv" + layers++;
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .hasBias(false).activation(Activation.IDENTITY).dataFormat(format).build(), in);
        return normalize(name, activate);
    }

    private String normalize(String in, boolean activate) {
        String x = in;
        if (batchNorm) {
            x = in + "_bn";
            graph.addLayer(x, new BatchNormalization.Builder().decay(0.99).eps(1e-3).dataFormat(format).build(), in);
        }
        if (!activate) {
            return x;
        }
        String act = in + "_swish";
        graph.addLayer(act, new ActivationLayer.Builder().activation(Activation.SWISH).build(), x);
        return act;
    }
}
