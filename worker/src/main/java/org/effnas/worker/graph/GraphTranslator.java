package org.effnas.worker.graph;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.worker.backend.NativeBackend;
import org.effnas.worker.batchnorm.BatchNormActivation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns any {@link ArchSpec} into a DL4J {@link ComputationGraph}, layer for layer as the spec
 * describes it: 'same'-padded convolutions without bias each followed by batch norm (momentum 0.99,
 * epsilon 1e-3) and, where the block type calls for it, the activation, both in one
 * {@link BatchNormActivation} layer (DL4J's own batch norm ignores an activation set on it); squeeze-and-excitation as global average pooling, two
 * dense layers (activation, then sigmoid) and a broadcast channel scale; identity residuals with
 * per-example drop-connect at {@link ArchSpec#dropConnectRate(int)}; a head of 1x1 conv, BN,
 * activation, global average pooling, dropout and a softmax classifier. The input is NCHW,
 * {@code [N, inChannels, resolution, resolution]}; the single output is named {@value #OUTPUT}.
 */
public final class GraphTranslator {

    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the classifier layer, the graph's only output. */
    public static final String OUTPUT = "classifier";

    static final double BN_DECAY = 0.99;
    static final double BN_EPS = 1e-3;

    private final ArchSpec spec;
    private final GraphOptions options;
    private final GraphBuilder graph;
    private final Activation activation;

    private GraphTranslator(ArchSpec spec, GraphOptions options) {
        this.spec = spec;
        this.options = options;
        this.activation = switch (spec.activation()) {
            case SWISH -> Activation.SWISH;
            case RELU -> Activation.RELU;
        };
        this.graph = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.FLOAT)
                .updater(options.updater())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(spec.resolution(), spec.resolution(), spec.inChannels()));
    }

    /** The graph configuration of a spec (not initialised: no parameters allocated). */
    public static ComputationGraphConfiguration configuration(ArchSpec spec, GraphOptions options) {
        GraphTranslator t = new GraphTranslator(spec, options);
        return t.translate();
    }

    /** A spec's network with freshly initialised parameters, ready to train. */
    public static ComputationGraph build(ArchSpec spec, GraphOptions options) {
        NativeBackend.prepare();
        ComputationGraph net = new ComputationGraph(configuration(spec, options));
        net.init();
        return net;
    }

    private ComputationGraphConfiguration translate() {
        String x = convBnAct("stem", INPUT, spec.stem().kernel(), spec.stem().stride(), spec.stem().filters(), true);
        for (Block b : spec.blocks()) {
            x = block(b, x);
        }
        x = convBnAct("head", x, 1, 1, spec.head().filters(), true);
        graph.addLayer("head_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), x);
        OutputLayer.Builder classifier = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(spec.classes())
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .l2(options.weightDecay());
        if (spec.dropout() > 0) {
            // DL4J's Dropout takes the probability of RETAINING an activation
            classifier.dropOut(new Dropout(1 - spec.dropout()));
        }
        graph.addLayer(OUTPUT, classifier.build(), "head_pool");
        graph.setOutputs(OUTPUT);
        return graph.build();
    }

    private String block(Block b, String input) {
        String p = "b" + b.index() + "_";
        String x = input;
        if (b.op() instanceof MBConv mb) {
            if (mb.expansion() != 1) {
                x = convBnAct(p + "expand", x, 1, 1, b.expandedFilters(), true);
            }
            x = depthwiseBnAct(p + "dw", x, b);
            x = squeezeExcite(p, x, b);
            x = convBnAct(p + "project", x, 1, 1, b.outputFilters(), false);
        } else if (b.op() instanceof SeparableConv) {
            x = depthwiseBnAct(p + "dw", x, b);
            x = squeezeExcite(p, x, b);
            x = convBnAct(p + "pw", x, 1, 1, b.outputFilters(), true);
        } else if (b.op() instanceof PlainConv) {
            x = convBnAct(p + "conv", x, b.kernel(), b.stride(), b.outputFilters(), true);
            x = squeezeExcite(p, x, b);
        } else {
            throw new IllegalArgumentException("block " + b.index() + ": no DL4J translation for " + b.op());
        }
        if (b.residual()) {
            graph.addVertex(p + "add", new ResidualVertex(spec.dropConnectRate(b.index())), x, input);
            x = p + "add";
        }
        return x;
    }

    private String convBnAct(String name, String input, int kernel, int stride, int filters, boolean act) {
        graph.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel)
                .stride(stride, stride)
                .nOut(filters)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .l2(options.weightDecay())
                .build(), input);
        return bnAct(name, act);
    }

    private String depthwiseBnAct(String name, String input, Block b) {
        graph.addLayer(name, new DepthwiseConvolution2D.Builder(b.kernel(), b.kernel())
                .stride(b.stride(), b.stride())
                .depthMultiplier(1)
                .hasBias(false)
                .activation(Activation.IDENTITY)
                .l2(options.weightDecay())
                .build(), input);
        return bnAct(name, true);
    }

    /** Batch norm, then the activation when {@code act}, fused in one layer (see {@link BatchNormActivation}). */
    private String bnAct(String conv, boolean act) {
        String name = conv + "_bn";
        graph.addLayer(name, new BatchNormActivation(name, BN_DECAY, BN_EPS,
                act ? activation.getActivationFunction() : new ActivationIdentity()), conv);
        return name;
    }

    /** Squeeze-and-excitation on {@code x} (which has the block's expanded width); no-op without SE. */
    private String squeezeExcite(String p, String x, Block b) {
        if (!b.hasSe()) {
            return x;
        }
        int channels = b.op() instanceof PlainConv ? b.outputFilters() : b.expandedFilters();
        graph.addLayer(p + "se_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), x);
        graph.addLayer(p + "se_reduce", new DenseLayer.Builder().nOut(b.seFilters()).activation(activation)
                .hasBias(true).l2(options.weightDecay()).build(), p + "se_pool");
        graph.addLayer(p + "se_expand", new DenseLayer.Builder().nOut(channels).activation(Activation.SIGMOID)
                .hasBias(true).l2(options.weightDecay()).build(), p + "se_reduce");
        graph.addVertex(p + "se_scale", new ChannelScaleVertex(), x, p + "se_expand");
        return p + "se_scale";
    }
}
