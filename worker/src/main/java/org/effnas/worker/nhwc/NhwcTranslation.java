package org.effnas.worker.nhwc;

import org.bytedeco.dnnl.global.dnnl;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.worker.graph.GraphTranslator;

/**
 * A spec as the NHWC engine's layers, by {@code GraphTranslator}'s rules and under its layer names (stem,
 * {@code b<i>_expand}, {@code b<i>_dw}, {@code b<i>_se_reduce}, ..., head, classifier), so the trained
 * arrays can be copied into that graph ({@link GraphWeights}).
 */
final class NhwcTranslation {

    private final ArchSpec spec;
    private final NhwcLayers layers;

    private NhwcTranslation(ArchSpec spec, NhwcLayers layers) {
        this.spec = spec;
        this.layers = layers;
    }

    /** The network of {@code spec} on {@code input}: appends every layer to {@code layers}; returns the logits. */
    static NhwcTensor build(ArchSpec spec, NhwcLayers layers, NhwcTensor input) {
        return new NhwcTranslation(spec, layers).network(input);
    }

    private NhwcTensor network(NhwcTensor input) {
        NhwcTensor x = convBnAct("stem", input, spec.stem().filters(), spec.stem().kernel(), spec.stem().stride(),
                true);
        for (Block b : spec.blocks()) {
            x = block(b, x);
        }
        x = convBnAct("head", x, spec.head().filters(), 1, 1, true);
        NhwcTensor pooled = layers.pool(x);
        if (spec.dropout() > 0) {
            pooled = layers.dropout(pooled, spec.dropout());
        }
        return layers.conv(GraphTranslator.OUTPUT, pooled, spec.classes(), 1, 1, false, true);
    }

    /** One block, as effnas's DL4J graph translates it (GraphTranslator's block rules). */
    private NhwcTensor block(Block b, NhwcTensor input) {
        NhwcTensor[] in = b.residual() ? layers.fork(input) : new NhwcTensor[] {input};
        NhwcTensor x = in[0];
        String p = "b" + b.index() + "_";
        if (b.op() instanceof MBConv mb) {
            if (mb.expansion() != 1) {
                x = convBnAct(p + "expand", x, b.expandedFilters(), 1, 1, true);
            }
            x = squeezeExcite(p, depthwiseBnAct(p + "dw", x, b), b);
            x = convBnAct(p + "project", x, b.outputFilters(), 1, 1, false);
        } else if (b.op() instanceof SeparableConv) {
            x = squeezeExcite(p, depthwiseBnAct(p + "dw", x, b), b);
            x = convBnAct(p + "pw", x, b.outputFilters(), 1, 1, true);
        } else if (b.op() instanceof PlainConv) {
            x = squeezeExcite(p, convBnAct(p + "conv", x, b.outputFilters(), b.kernel(), b.stride(), true), b);
        } else {
            throw new IllegalArgumentException("block " + b.index() + ": the NHWC engine has no translation for "
                    + b.op());
        }
        if (!b.residual()) {
            return x;
        }
        double dropConnect = spec.dropConnectRate(b.index());
        return layers.add(dropConnect > 0 ? layers.dropConnect(x, dropConnect) : x, in[1]);
    }

    private NhwcTensor convBnAct(String name, NhwcTensor x, int filters, int kernel, int stride, boolean act) {
        NhwcTensor y = layers.bn(name + "_bn", layers.conv(name, x, filters, kernel, stride, false, false));
        return act ? layers.eltwise(y, activation()) : y;
    }

    private NhwcTensor depthwiseBnAct(String name, NhwcTensor x, Block b) {
        return layers.eltwise(layers.bn(name + "_bn", layers.conv(name, x, (int) x.channels(), b.kernel(),
                b.stride(), true, false)), activation());
    }

    /** Squeeze-and-excitation on x: pooled, reduced to the block's SE width, expanded, sigmoid, scaled. */
    private NhwcTensor squeezeExcite(String p, NhwcTensor x, Block b) {
        if (!b.hasSe()) {
            return x;
        }
        NhwcTensor[] gate = layers.fork(x);
        NhwcTensor squeezed = layers.eltwise(layers.conv(p + "se_reduce", layers.pool(gate[0]), b.seFilters(), 1, 1,
                false, true), activation());
        NhwcTensor g = layers.eltwise(layers.conv(p + "se_expand", squeezed, (int) x.channels(), 1, 1, false, true),
                dnnl.algorithm.eltwise_logistic);
        return layers.scale(gate[1], g);
    }

    private dnnl.algorithm activation() {
        return spec.activation() == Activation.SWISH ? dnnl.algorithm.eltwise_swish : dnnl.algorithm.eltwise_relu;
    }
}
