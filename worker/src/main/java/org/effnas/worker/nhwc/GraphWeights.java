package org.effnas.worker.nhwc;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies what the NHWC engine trained (weights, biases, batch norm's scales, shifts and running statistics)
 * into effnas's DL4J graph of the same spec ({@code GraphTranslator}), layer by layer under the names both
 * use, so everything after training (precise BN, evaluation, latency, saving, ONNX export) runs on the one
 * network type. The layouts differ: DL4J keeps depthwise weights as {@code [k, k, channels, 1]} and dense
 * weights as {@code [in, out]}.
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
            switch (p.role) {
                case CONV_WEIGHT -> set(layer, DefaultParamInitializer.WEIGHT_KEY, read(p.values, p.size()));
                case DEPTHWISE_WEIGHT -> set(layer, DefaultParamInitializer.WEIGHT_KEY, depthwise(p, layer));
                case DENSE_WEIGHT -> set(layer, DefaultParamInitializer.WEIGHT_KEY, transposed(p, layer));
                case BIAS -> set(layer, DefaultParamInitializer.BIAS_KEY, read(p.values, p.size()));
                case SCALE_SHIFT -> {
                    float[] both = read(p.values, p.size());
                    int c = both.length / 2;
                    set(layer, BatchNormalizationParamInitializer.GAMMA, java.util.Arrays.copyOfRange(both, 0, c));
                    set(layer, BatchNormalizationParamInitializer.BETA, java.util.Arrays.copyOfRange(both, c, 2 * c));
                }
            }
        }
        for (NhwcLayers.RunningStats rs : from.runningStatistics()) {
            Layer layer = layer(to, rs.layer());
            set(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, read(rs.mean(), rs.mean().capacity()));
            set(layer, BatchNormalizationParamInitializer.GLOBAL_VAR, read(rs.variance(), rs.variance().capacity()));
        }
    }

    private static Layer layer(ComputationGraph graph, String name) {
        Layer layer = graph.getLayer(name);
        if (layer == null) {
            throw new IllegalArgumentException("the DL4J graph has no layer " + name + ": not the NHWC network's spec");
        }
        return layer;
    }

    /** {@code [channels][k][k]} (oneDNN's goihw with one filter per group) to DL4J's {@code [k][k][channels][1]}. */
    private static float[] depthwise(NhwcParameter p, Layer layer) {
        long[] shape = layer.getParam(DefaultParamInitializer.WEIGHT_KEY).shape();
        int k = (int) shape[0];
        int channels = (int) shape[2];
        check(p, (long) k * k * channels);
        float[] out = new float[p.size()];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < k * k; i++) {
                out[i * channels + c] = p.values.get(c * k * k + i);
            }
        }
        return out;
    }

    /** {@code [out][in]} (a 1x1 convolution's oihw) to a dense layer's {@code [in][out]}. */
    private static float[] transposed(NhwcParameter p, Layer layer) {
        long[] shape = layer.getParam(DefaultParamInitializer.WEIGHT_KEY).shape();
        int in = (int) shape[0];
        int out = (int) shape[1];
        check(p, (long) in * out);
        float[] t = new float[p.size()];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = p.values.get(o * in + i);
            }
        }
        return t;
    }

    private static void check(NhwcParameter p, long expected) {
        if (p.size() != expected) {
            throw new IllegalArgumentException(p.layer + ": the NHWC engine has " + p.size() + " values, DL4J's layer "
                    + expected);
        }
    }

    private static void set(Layer layer, String key, float[] values) {
        INDArray target = layer.getParam(key);
        if (target == null || target.length() != values.length) {
            throw new IllegalArgumentException(layer.getConfig().getLayerName() + "_" + key + ": DL4J holds "
                    + (target == null ? "no such array" : target.length() + " values") + ", the NHWC engine "
                    + values.length);
        }
        target.assign(Nd4j.create(values, target.shape(), 'c'));
    }

    private static float[] read(FloatBuffer buffer, int size) {
        float[] out = new float[size];
        buffer.get(0, out);
        return out;
    }
}
