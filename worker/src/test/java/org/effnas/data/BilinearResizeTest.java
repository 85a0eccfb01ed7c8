package org.effnas.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BilinearResizeTest {

    private static final float[] ONE = {1f};
    private static final float[] ZERO = {0f};

    private static float[] resize(byte[] image, int inH, int inW, int outH, int outW) {
        float[] out = new float[outH * outW];
        BilinearResize.of(inH, inW, outH, outW).apply(image, 0, 1, out, 0, ONE, ZERO);
        return out;
    }

    @Test
    void upsamples2x2To4x4WithHalfPixelCentres() {
        byte[] image = {0, 100, (byte) 200, 40};
        // Output column x samples input column (x + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25
        // (clamped to 1); rows likewise. Worked by hand: row 0 is 0 -> 100 at those weights, row 3 is 200 -> 40.
        float[] expected = {
                0f, 25f, 75f, 100f,
                50f, 58.75f, 76.25f, 85f,
                150f, 126.25f, 78.75f, 55f,
                200f, 160f, 80f, 40f};
        assertArrayEquals(expected, resize(image, 2, 2, 4, 4));
    }

    @Test
    void downsamplingBy2AveragesEachBlock() {
        byte[] image = new byte[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image[y * 4 + x] = (byte) (10 * y + x);
            }
        }
        assertArrayEquals(new float[]{5.5f, 7.5f, 25.5f, 27.5f}, resize(image, 4, 4, 2, 2));
    }

    @Test
    void nonSquareTargetsUseEachAxisOwnScale() {
        byte[] row = {0, 90};
        // 1x2 -> 1x3: columns sample at -1/6 (clamped, 0), 0.5, 7/6 (clamped, 1).
        assertArrayEquals(new float[]{0f, 45f, 90f}, resize(row, 1, 2, 1, 3));
    }

    @Test
    void equalSizeCopiesTheFixtureExactly() {
        ImageSplit split = Fixtures.fashionMini(false).train();
        float[] out = resize(split.pixels(), 28, 28, 28, 28);
        for (int i = 0; i < 784; i++) {
            assertEquals(split.pixels()[i] & 0xff, out[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 32, 64})
    void constantImageStaysConstantAtAnySize(int size) {
        byte[] image = new byte[28 * 28];
        java.util.Arrays.fill(image, (byte) 173);
        for (float v : resize(image, 28, 28, size, size)) {
            assertEquals(173f, v);
        }
    }

    @Test
    void scaleAndShiftAreAppliedPerChannel() {
        byte[] image = {10, 20, 30, 40, 50, 60, 70, 80};
        float[] out = new float[8];
        BilinearResize.of(2, 2, 2, 2).apply(image, 0, 2, out, 0, new float[]{2f, 0.5f}, new float[]{-1f, 3f});
        assertArrayEquals(new float[]{19f, 39f, 59f, 79f, 28f, 33f, 38f, 43f}, out);
    }

    @Test
    void bytesAreRoundedToNearest() {
        byte[] image = {0, 1, 0, 1};
        assertArrayEquals(new byte[]{0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1},
                BilinearResize.of(2, 2, 4, 4).applyToBytes(image, 0, 1));
    }
}
