package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves a network's state between the NHWC engine and effnas's DL4J graph of the same spec
 * ({@code GraphTranslator}), layer by layer under the names both use. {@link #load} starts the engine
 * from the graph's initial weights, so one seed gives one initial network whichever engine trains it;
 * {@link #copy} writes what the engine trained (weights, biases, batch norm's scales, shifts and running
 * statistics) back, so everything after training (precise BN, evaluation, latency, saving, ONNX export)
 * runs on the one network type. The layouts differ: DL4J keeps depthwise weights as {@code [k, k, channels,
 * 1]} and dense weights as {@code [in, out]}; {@link #dl4jIndex} is the one map between them.
 */
public final class GraphWeights {

    private GraphWeights() {
    }

    /**
     * Writes {@code from}'s trained state into {@code to}, which must be the DL4J graph of the same spec.
     *
     * @throws IllegalArgumentException when a layer or an array's size does not match
     */
    public static void copy(NhwcNetwork from, ComputationGraph to) {
        for (NhwcParameter p : from.parameters()) {
            Layer layer = layer(to, p.layer);
            if (p.role == NhwcParameter.Role.SCALE_SHIFT) {
                float[] both = read(p.values, p.size());
                int c = both.length / 2;
                set(layer, BatchNormalizationParamInitializer.GAMMA, Arrays.copyOfRange(both, 0, c));
                set(layer, BatchNormalizationParamInitializer.BETA, Arrays.copyOfRange(both, c, 2 * c));
                continue;
            }
            INDArray target = array(layer, key(p), p.size());
            long[] shape = target.shape();
            float[] out = new float[p.size()];
            for (int i = 0; i < out.length; i++) {
                out[dl4jIndex(p, shape, i)] = p.values.get(i);
            }
            target.assign(Nd4j.create(out, target.shape(), 'c'));
        }
        for (NhwcLayers.RunningStats rs : from.runningStatistics()) {
            Layer layer = layer(to, rs.layer());
            set(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, read(rs.mean(), rs.mean().capacity()));
            set(layer, BatchNormalizationParamInitializer.GLOBAL_VAR, read(rs.variance(), rs.variance().capacity()));
        }
    }

    /**
     * Sets {@code to}'s parameters and running statistics to {@code from}'s, the DL4J graph of the same spec
     * (before training: the engine's optimizer state is left as it is).
     *
     * @throws IllegalArgumentException when a layer or an array's size does not match
     */
    public static void load(ComputationGraph from, NhwcNetwork to) {
        for (NhwcParameter p : to.parameters()) {
            Layer layer = layer(from, p.layer);
            if (p.role == NhwcParameter.Role.SCALE_SHIFT) {
                int c = p.size() / 2;
                float[] gamma = values(array(layer, BatchNormalizationParamInitializer.GAMMA, c));
                float[] beta = values(array(layer, BatchNormalizationParamInitializer.BETA, c));
                p.values.put(0, gamma).put(c, beta);
                continue;
            }
            INDArray source = array(layer, key(p), p.size());
            long[] shape = source.shape();
            float[] in = values(source);
            for (int i = 0; i < p.size(); i++) {
                p.values.put(i, in[dl4jIndex(p, shape, i)]);
            }
        }
        for (NhwcLayers.RunningStats rs : to.runningStatistics()) {
            Layer layer = layer(from, rs.layer());
            int c = rs.mean().capacity();
            rs.mean().put(0, values(array(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, c)));
            rs.variance().put(0, values(array(layer, BatchNormalizationParamInitializer.GLOBAL_VAR, c)));
        }
    }

    /**
     * Where the engine's value {@code i} of {@code p} sits in the layer's DL4J array of {@code shape}: a
     * convolution's {@code [out, in, k, k]} and a bias are the same in both; a depthwise {@code [channels][k][k]}
     * (oneDNN's goihw, one filter per group) is DL4J's {@code [k][k][channels][1]}; a dense layer's {@code [out][in]}
     * (a 1x1 convolution's oihw) is DL4J's {@code [in][out]}.
     */
    private static int dl4jIndex(NhwcParameter p, long[] shape, int i) {
        return switch (p.role) {
            case CONV_WEIGHT, BIAS -> i;
            case DEPTHWISE_WEIGHT -> {
                int kk = (int) (shape[0] * shape[1]);
                int channels = (int) shape[2];
                yield (i % kk) * channels + i / kk;
            }
            case DENSE_WEIGHT -> {
                int in = (int) shape[0];
                int out = (int) shape[1];
                yield (i % in) * out + i / in;
            }
            case SCALE_SHIFT -> throw new IllegalArgumentException(p.layer + ": batch norm has two DL4J arrays");
        };
    }

    private static String key(NhwcParameter p) {
        return p.role == NhwcParameter.Role.BIAS ? DefaultParamInitializer.BIAS_KEY : DefaultParamInitializer.WEIGHT_KEY;
    }

    private static Layer layer(ComputationGraph graph, String name) {
        Layer layer = graph.getLayer(name);
        if (layer == null) {
            throw new IllegalArgumentException("the DL4J graph has no layer " + name + ": not the NHWC network's spec");
        }
        return layer;
    }

    /** The layer's array {@code key}, which must hold {@code size} values. */
    private static INDArray array(Layer layer, String key, long size) {
        INDArray a = layer.getParam(key);
        if (a == null || a.length() != size) {
            throw new IllegalArgumentException(layer.getConfig().getLayerName() + "_" + key + ": DL4J holds "
                    + (a == null ? "no such array" : a.length() + " values") + ", the NHWC engine " + size);
        }
        return a;
    }

    private static void set(Layer layer, String key, float[] values) {
        INDArray target = array(layer, key, values.length);
        target.assign(Nd4j.create(values, target.shape(), 'c'));
    }

    /** The array's values in row-major order of its shape. */
    private static float[] values(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static float[] read(FloatBuffer buffer, int size) {
        float[] out = new float[size];
        buffer.get(0, out);
        return out;
    }
}
