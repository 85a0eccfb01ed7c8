package org.effnas.cluster.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceSlotsTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"cpu:2;cpu0 cpu1", "cpu;cpu0", "gpu:0,1;gpu0 gpu1", "GPU:3;gpu3", "gpu;gpu0",
            " cpu:1 ;cpu0"})
    void parsesDeviceLists(String text, String slots) {
        assertEquals(List.of(slots.split(" ")), DeviceSlots.parse(text).slots());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu:1", "cpu:0", "cpu:x", "gpu:0,0", "gpu:-1", "gpu:a", "cpu:1000"})
    void refusesBadDeviceLists(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceSlots.parse(text));
        assertTrue(e.getMessage().startsWith("--devices"), e.getMessage());
    }
}
