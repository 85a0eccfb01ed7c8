package org.effnas.worker.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.worker.graph.ChannelScaleVertex;
import org.effnas.worker.graph.ResidualVertex;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Translates a DL4J {@link ComputationGraph} vertex by vertex (topological order) into ONNX nodes.
 * Each DL4J layer keeps its name as the name of its output value, so a runtime's intermediate
 * values can be matched with DL4J's activations. Mapping:
 * <ul>
 * <li>{@link ConvolutionLayer} → Conv; {@link DepthwiseConvolution2D} → Conv with {@code group} =
 * input channels, weights permuted from DL4J's [kH, kW, C, m] to ONNX's [C·m, 1, kH, kW];
 * 'same' padding becomes explicit pads (extra row/column at the bottom/right, as DL4J pads).</li>
 * <li>{@link BatchNormalization} (and effnas' batch-norm-plus-activation layer) → BatchNormalization
 * with its epsilon, running mean and variance (kept as an op, not folded, so the graph holds the
 * trained statistics one-to-one; runtimes fold it into the preceding Conv when they optimise).</li>
 * <li>activations: swish → Sigmoid then Mul; ReLU → Relu; sigmoid → Sigmoid; identity → nothing.</li>
 * <li>{@link GlobalPoolingLayer} AVG/MAX → GlobalAveragePool/GlobalMaxPool (+ Flatten when DL4J
 * collapses the spatial dimensions).</li>
 * <li>{@link DenseLayer} → Gemm; the output layer → Gemm to {@value #LOGITS}, then (softmax
 * activation, when asked for) Softmax over axis 1 to {@value #PROBABILITIES}.</li>
 * <li>{@link ResidualVertex} → Add (drop-connect is training-only); {@link ChannelScaleVertex}
 * (squeeze-and-excitation gate) → Reshape of the [N, C] gate to [N, C, 1, 1], then Mul.</li>
 * </ul>
 * Anything else, or a setting outside this (dilation, another padding mode, NHWC, a ReLU with a
 * cap, an input pre-processor), throws {@link UnsupportedLayerException}.
 */
public final class GraphExporter {

    /** Name of the graph input: NCHW float32. */
    public static final String INPUT = "input";
    /** Name of the output holding the classifier's pre-softmax scores. */
    public static final String LOGITS = "logits";
    /** Name of the output holding the softmax of {@link #LOGITS}. */
    public static final String PROBABILITIES = "probabilities";

    private final ComputationGraph net;
    private final ComputationGraphConfiguration conf;
    private final boolean softmax;
    private final Map<String, InputType> types;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final String inputName;

    private GraphExporter(ComputationGraph net, int resolution, int channels, boolean softmax) {
        this.net = net;
        this.conf = net.getConfiguration();
        this.softmax = softmax;
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new UnsupportedLayerException(String.join(",", conf.getNetworkInputs()),
                    "the exporter handles one input and one output, the network has "
                            + conf.getNetworkInputs().size() + " and " + conf.getNetworkOutputs().size());
        }
        this.inputName = conf.getNetworkInputs().get(0);
        this.types = conf.getLayerActivationTypes(InputType.convolutional(resolution, resolution, channels));
    }

    /**
     * The ONNX graph of {@code net} for inputs of {@code channels} x {@code resolution} x
     * {@code resolution}.
     *
     * @param softmax also emit {@value #PROBABILITIES} (softmax of the logits) when the output layer
     *                has a softmax activation
     */
    public static OnnxGraph export(ComputationGraph net, int resolution, int channels, boolean softmax) {
        GraphExporter e = new GraphExporter(net, resolution, channels, softmax);
        return e.translate();
    }

    private OnnxGraph translate() {
        for (int index : net.topologicalSortOrder()) {
            String name = net.getVertices()[index].getVertexName();
            if (name.equals(inputName)) {
                continue;
            }
            vertex(name, conf.getVertices().get(name));
        }
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) types.get(inputName);
        OnnxValueInfo input = OnnxValueInfo.batched(INPUT, in.getChannels(), in.getHeight(), in.getWidth());
        return new OnnxGraph("effnas", nodes, initializers, List.of(input), outputs);
    }

    /** The ONNX value name of a DL4J vertex's output. */
    private String value(String vertex) {
        return vertex.equals(inputName) ? INPUT : vertex;
    }

    private List<String> inputsOf(String vertex) {
        return conf.getVertexInputs().get(vertex).stream().map(this::value).toList();
    }

    private void vertex(String name, GraphVertex v) {
        List<String> in = inputsOf(name);
        if (v instanceof ResidualVertex) {
            add(OnnxNode.of("Add", name, in, name));
        } else if (v instanceof ChannelScaleVertex) {
            InputType.InputTypeConvolutional map = (InputType.InputTypeConvolutional) types.get(name);
            String shape = constant(OnnxTensor.longs(name + "/gate_shape", -1, map.getChannels(), 1, 1));
            add(OnnxNode.of("Reshape", name + "/gate", List.of(in.get(1), shape), name + "/gate"));
            add(OnnxNode.of("Mul", name, List.of(in.get(0), name + "/gate"), name));
        } else if (v instanceof LayerVertex lv) {
            if (lv.getPreProcessor() != null) {
                throw new UnsupportedLayerException(name, "input pre-processor " + lv.getPreProcessor());
            }
            layer(name, lv.getLayerConf().getLayer(), in.get(0));
        } else {
            throw new UnsupportedLayerException(name, "graph vertex " + v.getClass().getSimpleName()
                    + " has no ONNX translation");
        }
    }

    private void layer(String name, Layer layer, String in) {
        if (layer instanceof DepthwiseConvolution2D dw) {
            depthwise(name, dw, in);
        } else if (layer instanceof ConvolutionLayer c && layer.getClass() == ConvolutionLayer.class) {
            conv(name, c, in);
        } else if (layer instanceof BatchNormalization bn) {
            batchNorm(name, bn, in);
        } else if (layer instanceof GlobalPoolingLayer gp) {
            globalPool(name, gp, in);
        } else if (layer instanceof OutputLayer out) {
            output(name, out, in);
        } else if (layer instanceof DenseLayer d) {
            String gemm = gemm(name, d.hasBias(), in, name + (isIdentity(d.getActivationFn()) ? "" : "/linear"));
            activation(name, d.getActivationFn(), gemm, name);
        } else {
            throw new UnsupportedLayerException(name, layer.getClass().getSimpleName() + " has no ONNX translation");
        }
    }

    private void conv(String name, ConvolutionLayer c, String in) {
        checkConv(name, c);
        INDArray w = param(name, "W"); // [out, in, kH, kW], as ONNX wants it
        String weights = constant(OnnxTensor.floats(name + "/W", flat(w), w.shape()));
        convNode(name, c, in, weights, 1);
    }

    private void depthwise(String name, DepthwiseConvolution2D dw, String in) {
        checkConv(name, dw);
        INDArray w = param(name, "W"); // [kH, kW, C, m]
        long[] s = w.shape();
        INDArray onnx = w.permute(2, 3, 0, 1).dup('c'); // [C, m, kH, kW] = [C*m, 1, kH, kW] row-major
        String weights = constant(OnnxTensor.floats(name + "/W", flat(onnx), s[2] * s[3], 1, s[0], s[1]));
        convNode(name, dw, in, weights, (int) s[2]);
    }

    private void checkConv(String name, ConvolutionLayer c) {
        if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            throw new UnsupportedLayerException(name, "data format " + c.getCnn2dDataFormat() + " (only NCHW)");
        }
        if (c.getDilation()[0] != 1 || c.getDilation()[1] != 1) {
            throw new UnsupportedLayerException(name, "dilation " + java.util.Arrays.toString(c.getDilation()));
        }
        if (c.getConvolutionMode() != ConvolutionMode.Same && c.getConvolutionMode() != ConvolutionMode.Truncate) {
            throw new UnsupportedLayerException(name, "convolution mode " + c.getConvolutionMode()
                    + " (only Same and Truncate)");
        }
    }

    private void convNode(String name, ConvolutionLayer c, String in, String weights, int group) {
        List<String> inputs = new ArrayList<>(List.of(in, weights));
        if (c.hasBias()) {
            inputs.add(constant(OnnxTensor.floats(name + "/b", flat(param(name, "b")),
                    param(name, "b").length())));
        }
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] pads;
        if (c.getConvolutionMode() == ConvolutionMode.Same) {
            InputType.InputTypeConvolutional before = (InputType.InputTypeConvolutional) types.get(
                    conf.getVertexInputs().get(name).get(0));
            InputType.InputTypeConvolutional after = (InputType.InputTypeConvolutional) types.get(name);
            int totalH = Math.max(0, (int) ((after.getHeight() - 1) * s[0] + k[0] - before.getHeight()));
            int totalW = Math.max(0, (int) ((after.getWidth() - 1) * s[1] + k[1] - before.getWidth()));
            pads = new int[] {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
        } else {
            int[] p = c.getPadding();
            pads = new int[] {p[0], p[1], p[0], p[1]};
        }
        String conv = isIdentity(c.getActivationFn()) ? name : name + "/conv";
        add(new OnnxNode("Conv", conv, inputs, List.of(conv), List.of(
                OnnxAttribute.Ints.of("kernel_shape", k),
                OnnxAttribute.Ints.of("strides", s),
                OnnxAttribute.Ints.of("pads", pads),
                OnnxAttribute.Ints.of("dilations", 1, 1),
                new OnnxAttribute.Int("group", group))));
        activation(name, c.getActivationFn(), conv, name);
    }

    private void batchNorm(String name, BatchNormalization bn, String in) {
        if (bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
            throw new UnsupportedLayerException(name, "data format " + bn.getCnn2DFormat() + " (only NCHW)");
        }
        if (!(types.get(name) instanceof InputType.InputTypeConvolutional map)) {
            throw new UnsupportedLayerException(name, "batch norm on a " + types.get(name) + " (only on feature maps)");
        }
        long c = map.getChannels();
        float[] gamma = bn.isLockGammaBeta() ? filled((int) c, bn.getGamma()) : flat(param(name, "gamma"));
        float[] beta = bn.isLockGammaBeta() ? filled((int) c, bn.getBeta()) : flat(param(name, "beta"));
        float[] mean = flat(param(name, "mean"));
        float[] var;
        if (bn.isUseLogStd()) {
            float[] logStd = flat(param(name, "log10stdev"));
            var = new float[logStd.length];
            for (int i = 0; i < var.length; i++) {
                var[i] = (float) Math.pow(10, 2.0 * logStd[i]);
            }
        } else {
            var = flat(param(name, "var"));
        }
        List<String> inputs = List.of(in,
                constant(OnnxTensor.floats(name + "/scale", gamma, c)),
                constant(OnnxTensor.floats(name + "/bias", beta, c)),
                constant(OnnxTensor.floats(name + "/mean", mean, c)),
                constant(OnnxTensor.floats(name + "/var", var, c)));
        String out = isIdentity(bn.getActivationFn()) ? name : name + "/norm";
        add(new OnnxNode("BatchNormalization", out, inputs, List.of(out),
                List.of(new OnnxAttribute.Float("epsilon", (float) bn.getEps()))));
        activation(name, bn.getActivationFn(), out, name);
    }

    private void globalPool(String name, GlobalPoolingLayer gp, String in) {
        String op = switch (gp.getPoolingType()) {
            case AVG -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            default -> throw new UnsupportedLayerException(name, "global " + gp.getPoolingType() + " pooling");
        };
        int[] dims = gp.getPoolingDimensions();
        if (dims != null && !(dims.length == 2 && dims[0] == 2 && dims[1] == 3)) {
            throw new UnsupportedLayerException(name, "pooling over dimensions " + java.util.Arrays.toString(dims));
        }
        if (gp.isCollapseDimensions()) {
            add(OnnxNode.of(op, name + "/pool", List.of(in), name + "/pool"));
            add(OnnxNode.of("Flatten", name, List.of(name + "/pool"), name, new OnnxAttribute.Int("axis", 1)));
        } else {
            add(OnnxNode.of(op, name, List.of(in), name));
        }
    }

    private void output(String name, BaseOutputLayer out, String in) {
        IActivation act = out.getActivationFn();
        if (!(act instanceof ActivationSoftmax) && !isIdentity(act)) {
            throw new UnsupportedLayerException(name, "output activation " + act + " (only softmax or identity)");
        }
        gemm(name, out.hasBias(), in, LOGITS);
        long classes = out.getNOut();
        outputs.add(OnnxValueInfo.batched(LOGITS, classes));
        if (softmax && act instanceof ActivationSoftmax) {
            add(OnnxNode.of("Softmax", name + "/softmax", List.of(LOGITS), PROBABILITIES,
                    new OnnxAttribute.Int("axis", 1)));
            outputs.add(OnnxValueInfo.batched(PROBABILITIES, classes));
        }
    }

    /** in · W (+ b): DL4J keeps W as [nIn, nOut], ONNX Gemm's B without transposing. */
    private String gemm(String name, boolean bias, String in, String out) {
        if (!(types.get(conf.getVertexInputs().get(name).get(0)) instanceof InputType.InputTypeFeedForward)) {
            throw new UnsupportedLayerException(name, "dense layer on a " + types.get(conf.getVertexInputs().get(name)
                    .get(0)) + " (only on flat [N, features] inputs)");
        }
        INDArray w = param(name, "W");
        List<String> inputs = new ArrayList<>(List.of(in,
                constant(OnnxTensor.floats(name + "/W", flat(w), w.shape()))));
        if (bias) {
            INDArray b = param(name, "b");
            inputs.add(constant(OnnxTensor.floats(name + "/b", flat(b), b.length())));
        }
        add(new OnnxNode("Gemm", out, inputs, List.of(out), List.of()));
        return out;
    }

    /** Applies {@code act} to value {@code in}, writing value {@code out} (nothing for identity). */
    private void activation(String layer, IActivation act, String in, String out) {
        if (isIdentity(act)) {
            return;
        }
        if (act instanceof ActivationSwish) {
            add(OnnxNode.of("Sigmoid", out + "/sigmoid", List.of(in), out + "/sigmoid"));
            add(OnnxNode.of("Mul", out, List.of(in, out + "/sigmoid"), out));
        } else if (act instanceof ActivationReLU r) {
            if (r.getMax() != null || r.getThreshold() != null || r.getNegativeSlope() != null) {
                throw new UnsupportedLayerException(layer, "ReLU with max/threshold/negative slope " + r);
            }
            add(OnnxNode.of("Relu", out, List.of(in), out));
        } else if (act instanceof ActivationSigmoid) {
            add(OnnxNode.of("Sigmoid", out, List.of(in), out));
        } else {
            throw new UnsupportedLayerException(layer, "activation " + act + " has no ONNX translation");
        }
    }

    private static boolean isIdentity(IActivation act) {
        return act == null || act instanceof ActivationIdentity;
    }

    private INDArray param(String layer, String key) {
        INDArray p = net.getLayer(layer).getParam(key);
        if (p == null) {
            throw new UnsupportedLayerException(layer, "no parameter '" + key + "'");
        }
        return p;
    }

    /** Row-major values of any array. */
    private static float[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toFloatVector();
    }

    private String constant(OnnxTensor t) {
        initializers.add(t);
        return t.name();
    }

    private void add(OnnxNode node) {
        if (!names.add(node.name())) {
            throw new IllegalStateException("onnx export: two nodes named " + node.name());
        }
        nodes.add(node);
    }

    private static float[] filled(int n, double value) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, (float) value);
        return f;
    }
}
