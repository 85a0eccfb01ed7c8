package org.effnas.worker.batchnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The rows of a channel cover exactly its values, in c order, none longer than {@link ChannelRows#MAX_ROW}. */
class ChannelRowsTest {

    @ParameterizedTest(name = "{0}x{1}x{2}x{3}")
    @CsvSource({"2,3,5,5", "3,2,64,64", "2,2,65,65", "1,2,128,130"})
    void rowsCoverEachChannelInOrder(int n, int c, int h, int w) {
        ChannelRows rows = new ChannelRows(Nd4j.createUninitialized(DataType.FLOAT, n, c, h, w));
        assertEquals((long) n * h * w, rows.valuesPerChannel());
        for (int channel = 0; channel < c; channel++) {
            List<Integer> covered = new ArrayList<>();
            for (int r = 0; r < rows.rows(); r++) {
                int len = rows.length(r);
                assertTrue(len > 0 && len <= ChannelRows.MAX_ROW && len <= rows.longest(), "row length " + len);
                for (int i = 0; i < len; i++) {
                    covered.add(rows.start(channel, r) + i);
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int image = 0; image < n; image++) {
                for (int i = 0; i < h * w; i++) {
                    expected.add((image * c + channel) * h * w + i);
                }
            }
            assertEquals(expected, covered, "channel " + channel);
        }
    }
}
