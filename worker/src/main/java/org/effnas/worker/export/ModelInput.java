package org.effnas.worker.export;

import org.effnas.InvalidInputException;
import org.effnas.data.BilinearResize;
import org.effnas.data.ImageSplit;
import org.effnas.worker.train.Preprocessing;

/**
 * Raw images turned into a model's input by its {@link Preprocessing} contract: bilinear resize to
 * the model's resolution, {@code (v / 255 - mean) / std} per channel with the model's own
 * statistics (not those of the data being predicted), a grey image replicated into every channel.
 */
public final class ModelInput {

    private ModelInput() {
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) of {@code split} as NCHW floats. */
    public static float[] of(ImageSplit split, int from, int to, Preprocessing pre) {
        int c = pre.channels();
        if (split.channels() != c && split.channels() != 1) {
            throw new InvalidInputException("--data: images have " + split.channels() + " channels but the model takes "
                    + c + "; give images of " + c + " channels (or grey ones)");
        }
        int r = pre.resolution();
        BilinearResize resize = BilinearResize.of(split.height(), split.width(), r, r);
        float[] mean = pre.mean();
        float[] std = pre.std();
        float[] scale = new float[split.channels()];
        float[] shift = new float[split.channels()];
        float[] out = new float[(to - from) * c * r * r];
        float[] one = new float[split.channels() * r * r];
        for (int i = from; i < to; i++) {
            int base = (i - from) * c * r * r;
            if (split.channels() == c) {
                for (int ch = 0; ch < c; ch++) {
                    scale[ch] = 1f / (255f * std[ch]);
                    shift[ch] = -mean[ch] / std[ch];
                }
                resize.apply(split.pixels(), i * split.imageBytes(), c, out, base, scale, shift);
            } else {
                for (int ch = 0; ch < c; ch++) {
                    scale[0] = 1f / (255f * std[ch]);
                    shift[0] = -mean[ch] / std[ch];
                    resize.apply(split.pixels(), i * split.imageBytes(), 1, one, 0, scale, shift);
                    System.arraycopy(one, 0, out, base + ch * r * r, r * r);
                }
            }
        }
        return out;
    }
}
