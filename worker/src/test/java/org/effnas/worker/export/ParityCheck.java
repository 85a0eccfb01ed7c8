package org.effnas.worker.export;

import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.FloatImages;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitName;
import org.effnas.data.SplitOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.batchnorm.PreciseBatchNorm;
import org.effnas.worker.train.Preprocessing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test support: real Fashion-MNIST images as the training pipeline feeds them, and the comparison of
 * one network's DL4J logits with ONNX Runtime's on its export.
 */
final class ParityCheck {

    /** Images compared per network. */
    static final int IMAGES = 64;

    private static SplitDataset data;

    private ParityCheck() {
    }

    /**
     * Real Fashion-MNIST: the test fixture, whose images are the first ones of the installed dataset's
     * files (its README); set {@code -Dparity.data=installed} to read /usr/share/datasets/fashion-mnist
     * itself (same first 64 test images, slower to load).
     */
    static synchronized SplitDataset data() {
        if (data == null) {
            Path installed = Path.of(DatasetKind.FASHION_MNIST.debianDir());
            Path dir = "installed".equals(System.getProperty("parity.data")) ? installed : fixture();
            ImageDataset images = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir).withTest());
            data = SplitDataset.of(images, SplitOptions.of(0.1, 0, 5));
        }
        return data;
    }

    private static Path fixture() {
        try {
            return Path.of(ParityCheck.class.getResource("/data/fashion-mnist-mini").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code n} images of {@code split} at {@code resolution}, grey replicated into {@code channels}. */
    static float[] images(SplitName split, int resolution, int channels, int n) {
        FloatImages f = data().floats(split, resolution);
        int plane = resolution * resolution;
        float[] out = new float[n * channels * plane];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                f.copy(i, 0, out, (i * channels + c) * plane, plane);
            }
        }
        return out;
    }

    static int[] labels(SplitName split, int n) {
        return java.util.Arrays.copyOf(data().floats(split, 28).labels(), n);
    }

    static Preprocessing preprocessing(int resolution, int channels) {
        SplitDataset d = data();
        return Preprocessing.of(d.normalization(), resolution, channels, d.source().classNames(),
                d.source().kind().id());
    }

    /**
     * Gives every batch-norm layer non-trivial parameters: gamma in [0.5, 1.5] and beta in
     * [-0.2, 0.2] drawn from {@code seed}, then running means and variances measured on the
     * {@value #IMAGES} images at {@code resolution} in one batch ({@link PreciseBatchNorm}), so they
     * are the statistics of real activations, not 0 and 1. One batch keeps a deep random network
     * well conditioned: measured over several batches, the small train/inference mismatch of each
     * layer compounds through B3..B7's 26-55 blocks into logits of 10^4 whose last digits are
     * rounding noise amplified by layers of near-zero variance, which no exporter could match.
     */
    static void randomiseBatchNorm(ComputationGraph net, long seed) {
        java.util.Random rng = new java.util.Random(seed);
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                INDArray gamma = l.getParam("gamma");
                INDArray beta = l.getParam("beta");
                gamma.assign(uniform(rng, gamma, 0.5, 1.5));
                beta.assign(uniform(rng, beta, -0.2, 0.2));
            }
        }
    }

    /** Running batch-norm statistics of {@code net} measured on the comparison images at {@code resolution}. */
    static void measureBatchNorm(ComputationGraph net, int resolution, int channels) {
        int n = IMAGES;
        INDArray x = Nd4j.create(images(SplitName.TEST, resolution, channels, n), n, channels, resolution, resolution);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, net.getLayer(GraphTranslator.OUTPUT).getParam("b").length());
        PreciseBatchNorm.recompute(net, new ListDataSetIterator<>(new DataSet(x, y).asList(), n), n);
    }

    private static INDArray uniform(java.util.Random rng, INDArray like, double lo, double hi) {
        float[] v = new float[(int) like.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return Nd4j.create(v, like.shape());
    }

    /** DL4J's pre-softmax scores: the classifier's input times its weights plus bias, in chunks. */
    static float[][] dl4jLogits(ComputationGraph net, float[] nchw, int n, int channels, int size, int chunk) {
        INDArray w = net.getLayer(GraphTranslator.OUTPUT).getParam("W");
        INDArray b = net.getLayer(GraphTranslator.OUTPUT).getParam("b");
        float[][] out = new float[n][];
        int per = channels * size * size;
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            float[] part = java.util.Arrays.copyOfRange(nchw, from * per, (from + m) * per);
            INDArray x = Nd4j.create(part, m, channels, size, size);
            Map<String, INDArray> acts = net.feedForward(x, false);
            INDArray logits = acts.get("head_pool").mmul(w).addiRowVector(b);
            for (int i = 0; i < m; i++) {
                out[from + i] = logits.getRow(i).dup().toFloatVector();
            }
            net.clear();
        }
        return out;
    }

    /** Largest |a - b| over all entries. */
    static double maxAbsDiff(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = Math.abs(a[i][j] - b[i][j]);
                // a NaN or infinity on either side is the largest difference there is, never a pass
                max = Double.isFinite(d) ? Math.max(max, d) : Double.POSITIVE_INFINITY;
            }
        }
        return max;
    }

    /** Largest |logit| (for the relative size of a difference). */
    static double maxAbs(float[][] a) {
        double max = 0;
        for (float[] row : a) {
            for (float v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
