package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationStatisticsTest {

    @Test
    void poolingUnequalBatchesEqualsTheStatisticsOfAllValues() {
        Random random = new Random(5);
        int[] sizes = {7, 1, 30, 12};
        double[][] values = new double[2][0];
        PopulationStatistics pooled = new PopulationStatistics(2);
        for (int size : sizes) {
            double[] mean = new double[2];
            double[] var = new double[2];
            for (int c = 0; c < 2; c++) {
                double[] batch = new double[size];
                for (int i = 0; i < size; i++) {
                    // each batch shifted: pooling must count the spread of the batch means too
                    batch[i] = random.nextGaussian() * (c + 1) + size;
                }
                mean[c] = mean(batch);
                var[c] = variance(batch);
                double[] all = new double[values[c].length + size];
                System.arraycopy(values[c], 0, all, 0, values[c].length);
                System.arraycopy(batch, 0, all, values[c].length, size);
                values[c] = all;
            }
            pooled.add(mean, var, size);
        }
        assertEquals(50, pooled.count());
        assertArrayEquals(new double[] {mean(values[0]), mean(values[1])}, pooled.mean(), 1e-12);
        assertArrayEquals(new double[] {variance(values[0]), variance(values[1])}, pooled.variance(), 1e-12);
    }

    @Test
    void channelCountMismatchIsRefused() {
        PopulationStatistics s = new PopulationStatistics(3);
        assertThrows(IllegalArgumentException.class, () -> s.add(new double[2], new double[3], 4));
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += (x - m) * (x - m);
        }
        return sum / v.length;
    }
}
