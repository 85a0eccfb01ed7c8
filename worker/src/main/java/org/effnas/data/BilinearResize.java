package org.effnas.data;

import java.util.Arrays;

/**
 * Bilinear resampling of C x H x W unsigned-byte images, with the half-pixel-centre convention of
 * OpenCV's {@code INTER_LINEAR} and PyTorch's {@code align_corners=False}: output pixel {@code x}
 * samples the input at {@code (x + 0.5) * in / out - 0.5}, clamped to the image. Equal sizes copy
 * exactly. Built once per (input size, output size): the interpolation tables are shared by all images.
 * No anti-aliasing: shrinking by more than 2x skips input pixels.
 */
public final class BilinearResize {

    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int[] y0;
    private final int[] y1;
    private final float[] wy;
    private final int[] x0;
    private final int[] x1;
    private final float[] wx;

    private BilinearResize(int inH, int inW, int outH, int outW) {
        if (inH < 1 || inW < 1 || outH < 1 || outW < 1) {
            throw new IllegalArgumentException("resize: sizes must be >= 1, got " + inH + "x" + inW + " -> "
                    + outH + "x" + outW);
        }
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        y0 = new int[outH];
        y1 = new int[outH];
        wy = new float[outH];
        x0 = new int[outW];
        x1 = new int[outW];
        wx = new float[outW];
        table(inH, outH, y0, y1, wy);
        table(inW, outW, x0, x1, wx);
    }

    /** A resampler from {@code inH x inW} to {@code outH x outW}. */
    public static BilinearResize of(int inH, int inW, int outH, int outW) {
        return new BilinearResize(inH, inW, outH, outW);
    }

    private static void table(int in, int out, int[] lo, int[] hi, float[] weight) {
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double s = Math.max(0.0, (o + 0.5) * scale - 0.5);
            int i = Math.min((int) s, in - 1);
            lo[o] = i;
            hi[o] = Math.min(i + 1, in - 1);
            weight[o] = (float) (s - i);
            if (lo[o] == hi[o]) {
                weight[o] = 0f;
            }
        }
    }

    /**
     * Resamples one image and maps each value {@code v} (0..255) of channel {@code c} to
     * {@code v * scale[c] + shift[c]}, which folds normalisation into the same pass.
     */
    public void apply(byte[] src, int srcOffset, int channels, float[] dst, int dstOffset, float[] scale,
                      float[] shift) {
        int inPlane = inH * inW;
        int outPlane = outH * outW;
        for (int c = 0; c < channels; c++) {
            int base = srcOffset + c * inPlane;
            int out = dstOffset + c * outPlane;
            float a = scale[c];
            float b = shift[c];
            for (int y = 0; y < outH; y++) {
                int row0 = base + y0[y] * inW;
                int row1 = base + y1[y] * inW;
                float fy = wy[y];
                for (int x = 0; x < outW; x++) {
                    int l = x0[x];
                    int r = x1[x];
                    float fx = wx[x];
                    float p00 = src[row0 + l] & 0xff;
                    float p01 = src[row0 + r] & 0xff;
                    float p10 = src[row1 + l] & 0xff;
                    float p11 = src[row1 + r] & 0xff;
                    float top = p00 + fx * (p01 - p00);
                    float bottom = p10 + fx * (p11 - p10);
                    dst[out++] = (top + fy * (bottom - top)) * a + b;
                }
            }
        }
    }

    /** Resamples one image to unsigned bytes, rounding to the nearest value. */
    public byte[] applyToBytes(byte[] src, int srcOffset, int channels) {
        float[] scale = new float[channels];
        Arrays.fill(scale, 1f);
        float[] values = new float[channels * outH * outW];
        apply(src, srcOffset, channels, values, 0, scale, new float[channels]);
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) Math.min(255, Math.round(values[i]));
        }
        return out;
    }
}
