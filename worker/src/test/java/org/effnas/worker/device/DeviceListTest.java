package org.effnas.worker.device;

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
        assertFalse(DeviceList.parse("cpu:3").gpu());
        assertEquals("gpu1", Device.gpu(1).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tpu:1", "cpu:0", "cpu:x", "gpu:", "gpu:0,0", "gpu:-1", "cpu:2,3"})
    void rejectsBadText(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeviceList.parse(text));
        assertTrue(e.getMessage().startsWith("--devices:"), e.getMessage());
    }

    @Test
    void cpuSlotsShareTheCores() {
        assertEquals(2, DeviceList.parse("cpu").threadsPerSlot(2));
        assertEquals(1, DeviceList.parse("cpu:2").threadsPerSlot(2));
        assertEquals(4, DeviceList.parse("cpu:2").threadsPerSlot(8));
        assertEquals(1, DeviceList.parse("cpu:4").threadsPerSlot(2), "never fewer than one thread");
    }

    @Test
    void pinningSetsTheNativeThreadCount() {
        int before = DevicePinning.nativeThreads();
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            int threads = DevicePinning.pinCpu(DeviceList.parse("cpu:" + cores));
            assertEquals(1, threads);
            assertEquals(1, DevicePinning.nativeThreads());
            assertThrows(IllegalArgumentException.class, () -> DevicePinning.pinCpu(DeviceList.parse("gpu:0")));
            assertThrows(IllegalArgumentException.class, () -> DevicePinning.pinGpu(Device.cpu(0)));
        } finally {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(before);
        }
    }
}
