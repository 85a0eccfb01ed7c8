package org.effnas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceListTest {

    @Test
    void parsesCpuSlotsAndGpuOrdinals() {
        assertEquals(List.of(Device.cpu(0)), DeviceList.parse("cpu").devices());
        assertEquals(List.of(Device.cpu(0), Device.cpu(1)), DeviceList.parse(" CPU:2 ").devices());
        DeviceList gpus = DeviceList.parse("gpu:0,1");
        assertEquals(List.of(Device.gpu(0), Device.gpu(1)), gpus.devices());
        assertTrue(gpus.gpu());
        assertEquals(List.of(Device.gpu(3)), DeviceList.parse("GPU:3").devices());
        assertEquals(List.of(Device.gpu(0)), DeviceList.parse("gpu").devices());
        assertFalse(DeviceList.parse("cpu:3").gpu());
        assertEquals("gpu1", Device.gpu(1).toString());
        assertEquals("cpu:2", DeviceList.parse(" cpu:2").text());
    }

    @Test
    void gpuAllCountsTheGpusAndRefusesWhenThereAreNone() {
        assertEquals(List.of(Device.gpu(0), Device.gpu(1), Device.gpu(2)), DeviceList.parse("gpu:all", () -> 3).devices());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceList.parse("gpu:all", () -> 0));
        assertTrue(e.getMessage().contains("no GPU found"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu:1", "cpu:0", "cpu:x", "gpu:", "gpu:0,0", "gpu:-1", "cpu:2,3", "gpu:a", "cpu:1000"})
    void rejectsBadText(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceList.parse(text, () -> 0));
        assertTrue(e.getMessage().startsWith("--devices"), e.getMessage());
    }

    @Test
    void cpuSlotsShareTheCores() {
        assertEquals(2, DeviceList.parse("cpu").threadsPerSlot(2));
        assertEquals(1, DeviceList.parse("cpu:2").threadsPerSlot(2));
        assertEquals(4, DeviceList.parse("cpu:2").threadsPerSlot(8));
        assertEquals(1, DeviceList.parse("cpu:4").threadsPerSlot(2), "never fewer than one thread");
    }
}
