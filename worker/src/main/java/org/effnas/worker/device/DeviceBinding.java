package org.effnas.worker.device;

import org.effnas.device.Device;
import org.effnas.device.DeviceList;

/**
 * How a slot's evaluations are tied to its device: the seam between the slot factory and the native
 * backend, small so a test can observe that a GPU slot is attached before it trains.
 */
public interface DeviceBinding {

    /**
     * Once per process, before any slot trains: shares the cores between CPU slots, or checks that
     * the GPUs can be used at all.
     *
     * @throws org.effnas.InvalidInputException when the devices cannot be used by this build
     */
    void prepare(DeviceList devices);

    /** On the slot's own thread, before every evaluation: attaches the thread to its device. */
    void attach(Device device);

    /** The backend facts results depend on, as {@code key=value} pairs, for provenance. */
    String backendFacts();
}
