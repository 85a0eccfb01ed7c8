package org.effnas.worker.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verbose-log parser on output captured from the bundled oneDNN 2.3 (effnas-mini, batch 16, one warm-up
 * step and two timed steps, cut to a few lines each): only lines inside the step marks count.
 */
class OneDnnVerboseLogTest {

    private static List<String> sample() throws IOException {
        try (InputStream in = OneDnnVerboseLogTest.class.getResourceAsStream("onednn-verbose-sample.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void countsAndTimesThePrimitivesOfTheTimedStepsPerStep() throws IOException {
        OneDnnVerboseLog log = OneDnnVerboseLog.parse(sample());
        assertEquals("oneDNN v2.3.0 (commit aec51f92ba9b23c5ed4b6753995f847615f5968a)", log.version());
        assertEquals("Intel AVX-512 with Intel DL Boost and bfloat16 support", log.isa());
        assertEquals(2, log.steps());
        assertEquals((2584.0 + 1627.866674) / 2, log.stepMs(), 1e-9);
        assertEquals(List.of("convolution", "reorder"), List.copyOf(log.kinds().keySet()), "most time first");
        assertEquals(12, log.reorders().count(), 1e-12, "24 reorders in two steps; the warm-up's are left out");
        assertEquals(10.46019878 / 2, log.reorders().ms(), 1e-9);
        assertEquals(3, log.kinds().get("convolution").count(), 1e-12);
        assertEquals(10.46019878 / (10.46019878 + 12.346924), log.reorderShareOfOneDnn(), 1e-9);
        assertEquals(3.5, log.conversions().get("f32 abcd -> f32 acdb"), 1e-12);
    }

    @Test
    void laterVersionsPrefixAndTimestampsAreRead() {
        OneDnnVerboseLog log = OneDnnVerboseLog.parse(List.of(
                "onednn_verbose,info,oneDNN v3.1.0 (commit abc)",
                OneDnnVerboseLog.STEP_MARK,
                "onednn_verbose,1700000000.5,exec,cpu,reorder,jit:uni,undef,src_f32::blocked:abcd::f0 "
                        + "dst_f32::blocked:aBcd16b::f0,,,1x16x8x8,0.25",
                "onednn_verbose,exec,cpu,convolution,brgconv:avx512_core,forward_training,src_f32,,,mb1,0.75",
                OneDnnVerboseLog.STEP_END + "10",
                "onednn_verbose,exec,cpu,reorder,jit:uni,undef,src,,,1x1,99"));
        assertEquals("oneDNN v3.1.0 (commit abc)", log.version());
        assertEquals(1, log.reorders().count(), 1e-12);
        assertEquals(0.25, log.reorders().ms(), 1e-12);
        assertEquals(0.025, log.reorderShareOfStep(), 1e-12);
        assertEquals(0.25, log.reorderShareOfOneDnn(), 1e-12);
    }
}
