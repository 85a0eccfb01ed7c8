package org.effnas.worker.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.effnas.InvalidInputException;
import org.effnas.device.DeviceList;
import org.junit.jupiter.api.Test;

class Nd4jDeviceBindingTest {

    @Test
    void thisBuildIsCpuOnlyAndRefusesGpusSayingHowToGetCuda() {
        assertFalse(Nd4jDeviceBinding.cudaBuild(), "the test classpath is the nd4j-native build");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Nd4jDeviceBinding().prepare(DeviceList.parse("gpu:0")));
        assertTrue(e.getMessage().startsWith("--devices gpu:0: this effnas is the CPU-only build"), e.getMessage());
        assertTrue(e.getMessage().contains("-Pcuda"), e.getMessage());
    }

    @Test
    void aCudaBuildAcceptsGpusAndCpuListsAreNeverRefused() {
        assertDoesNotThrow(() -> Nd4jDeviceBinding.requireCudaBuild(DeviceList.parse("gpu:0,1"), true));
        assertDoesNotThrow(() -> Nd4jDeviceBinding.requireCudaBuild(DeviceList.parse("cpu:2"), false));
    }
}
