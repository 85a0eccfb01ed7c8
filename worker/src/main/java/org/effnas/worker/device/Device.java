package org.effnas.worker.device;

/**
 * One evaluation slot: a share of the CPU cores, or one GPU.
 *
 * @param kind  CPU or GPU
 * @param index slot number on the CPU (0..n-1), device ordinal on a GPU
 */
public record Device(Kind kind, int index) {

    /** Where the evaluation runs. */
    public enum Kind { CPU, GPU }

    public Device {
        if (kind == null || index < 0) {
            throw new IllegalArgumentException("device needs a kind and an index >= 0");
        }
    }

    public static Device cpu(int slot) {
        return new Device(Kind.CPU, slot);
    }

    public static Device gpu(int ordinal) {
        return new Device(Kind.GPU, ordinal);
    }

    /** E.g. {@code cpu0} or {@code gpu1}, as used in worker ids. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + index;
    }
}
