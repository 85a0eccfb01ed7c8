package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A view keeps its array's off-heap memory alive: the kernels are often handed an array nothing
 * else refers to (a layer's epsilon outside a workspace), and a buffer view alone does not stop
 * ND4J from freeing that memory once the array is collected.
 */
class DenseFloatViewTest {

    private static final int LENGTH = 64 * 1024;

    @Test
    void aViewOfAnArrayNothingElseHoldsReadsItsValuesAfterCollections() throws InterruptedException {
        DenseFloatView view = new DenseFloatView(Nd4j.ones(DataType.FLOAT, 4, 4, 64, 64));
        float[] ones = new float[LENGTH];
        Arrays.fill(ones, 1f);
        float[] read = new float[LENGTH];
        for (int round = 0; round < 20; round++) {
            // give a freed buffer every chance to be handed out again and overwritten
            System.gc();
            Thread.sleep(20);
            List<INDArray> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                others.add(Nd4j.valueArrayOf(new long[] {4, 4, 64, 64}, 7f));
            }
            view.read(0, read, LENGTH);
            assertArrayEquals(ones, read, "round " + round + ": the view's memory was freed and reused");
            others.clear();
        }
    }
}
