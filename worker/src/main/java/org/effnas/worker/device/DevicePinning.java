package org.effnas.worker.device;

import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds evaluations to a device through ND4J.
 *
 * <p>CPU: libnd4j's thread pool is process-wide, so N slots in one process share the cores by
 * giving the native code {@code cores / N} threads ({@link #pinCpu}: libnd4j's master threads and
 * OpenBLAS's threads); each slot's thread then runs one evaluation at a time. The OpenMP threads
 * oneDNN uses are fixed when the native library loads: set {@code OMP_NUM_THREADS=cores/N} in the
 * worker's environment for them too (ND4J M2.1 ignores a lower {@code setMaxThreads} at run time,
 * measured). GPU: ND4J's affinity manager attaches the calling thread to the
 * device, and every array that thread creates lives there ({@link #pinGpu}). A child process per
 * GPU with {@code CUDA_VISIBLE_DEVICES} set is the alternative for full isolation; the worker
 * uses in-process affinity because ND4J supports it and it shares the data cache.
 */
public final class DevicePinning {

    private DevicePinning() {
    }

    /** Configures the native thread count for {@code devices} CPU slots; returns the threads per slot. */
    public static int pinCpu(DeviceList devices) {
        if (devices.gpu()) {
            throw new IllegalArgumentException("pinCpu called with GPU devices " + devices);
        }
        int threads = devices.threadsPerSlot(Runtime.getRuntime().availableProcessors());
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        return threads;
    }

    /** Attaches the calling thread to GPU {@code device}. */
    public static void pinGpu(Device device) {
        if (!device.isGpu()) {
            throw new IllegalArgumentException("pinGpu called with " + device);
        }
        Nd4j.getAffinityManager().unsafeSetDevice(device.index());
    }

    /** GPUs ND4J sees (1 on the CPU backend, which counts the host as one device). */
    public static int visibleDevices() {
        return Nd4j.getAffinityManager().getNumberOfDevices();
    }

    /** Threads libnd4j's own parallel loops use now. */
    public static int nativeThreads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }
}
