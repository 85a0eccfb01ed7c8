package org.effnas.worker.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.junit.jupiter.api.Test;

class DevicePinningTest {

    @Test
    void pinningSetsTheNativeThreadCount() {
        int before = DevicePinning.nativeThreads();
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            int threads = DevicePinning.pinCpu(DeviceList.cpu(cores));
            assertEquals(1, threads);
            assertEquals(1, DevicePinning.nativeThreads());
            assertThrows(IllegalArgumentException.class, () -> DevicePinning.pinCpu(DeviceList.parse("gpu:0")));
            assertThrows(IllegalArgumentException.class, () -> DevicePinning.pinGpu(Device.cpu(0)));
        } finally {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(before);
        }
    }
}
