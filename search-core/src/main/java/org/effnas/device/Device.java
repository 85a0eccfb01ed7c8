package org.effnas.device;

import java.util.Locale;

/**
 * One evaluation slot: a share of the CPU cores, or one GPU. Kept to a kind and an index so every
 * evaluator (DL4J in-process, a child process with {@code CUDA_VISIBLE_DEVICES}) can bind to it.
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

    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    /** E.g. {@code cpu0} or {@code gpu1}, as used in worker ids and provenance. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + index;
    }
}
