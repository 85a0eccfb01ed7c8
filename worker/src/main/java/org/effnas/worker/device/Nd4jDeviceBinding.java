package org.effnas.worker.device;

import org.effnas.InvalidInputException;
import org.effnas.device.Device;
import org.effnas.device.DeviceList;
import org.effnas.worker.backend.NativeBackend;

/**
 * The production {@link DeviceBinding}: CPU slots share the cores ({@link DevicePinning#pinCpu}), GPU
 * slots attach their thread to the GPU ({@link DevicePinning#pinGpu}). A GPU list is refused on a
 * build whose ND4J backend is not CUDA, so nothing ever trains on the CPU while the user believes it
 * runs on a GPU.
 */
public final class Nd4jDeviceBinding implements DeviceBinding {

    /** ND4J's CUDA backend class, present only in a build with the {@code cuda} Maven profile. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private volatile int threadsPerSlot;
    private volatile String facts;

    @Override
    public void prepare(DeviceList devices) {
        if (devices.gpu()) {
            requireCudaBuild(devices, cudaBuild());
            int visible = DevicePinning.visibleDevices();
            for (Device d : devices.devices()) {
                if (d.index() >= visible) {
                    throw new InvalidInputException("--devices " + devices.text() + ": GPU " + d.index()
                            + " does not exist, ND4J sees " + visible + " GPU(s) (0.." + (visible - 1) + ")");
                }
            }
            threadsPerSlot = 0;
        } else {
            threadsPerSlot = DevicePinning.pinCpu(devices);
        }
    }

    /** Refuses GPUs on a CPU-only build, saying how to get the CUDA one. */
    static void requireCudaBuild(DeviceList devices, boolean cuda) {
        if (devices.gpu() && !cuda) {
            throw new InvalidInputException("--devices " + devices.text() + ": this effnas is the CPU-only build "
                    + "(ND4J backend nd4j-native), it cannot train on a GPU; build the CUDA one with "
                    + "'mvn -B -Pcuda -DskipTests package' and run its ./effnas (docs/worker.md, CUDA), "
                    + "or use --devices cpu:N");
        }
    }

    static boolean cudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, Nd4jDeviceBinding.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void attach(Device device) {
        if (device.isGpu()) {
            DevicePinning.pinGpu(device);
        }
        // CPU: the thread share is process-wide and was set in prepare
    }

    @Override
    public String backendFacts() {
        String f = facts;
        if (f == null) {
            f = NativeBackend.describe() + (threadsPerSlot > 0 ? " slot.threads=" + threadsPerSlot : "");
            facts = f;
        }
        return f;
    }
}
