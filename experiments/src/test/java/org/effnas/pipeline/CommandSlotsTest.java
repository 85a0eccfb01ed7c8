package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Worker slot names map to the CUDA_VISIBLE_DEVICES a command sees. */
class CommandSlotsTest {

    @Test
    void gpuSlotsNameTheirOrdinalAndCpuSlotsNone() {
        assertEquals(OptionalInt.of(0), CommandSlots.gpuOrdinal("gpu0"));
        assertEquals(OptionalInt.of(3), CommandSlots.gpuOrdinal("gpu3"));
        assertEquals(OptionalInt.empty(), CommandSlots.gpuOrdinal("cpu0"));
        assertEquals(OptionalInt.empty(), CommandSlots.gpuOrdinal("cpu7"));
    }
}
