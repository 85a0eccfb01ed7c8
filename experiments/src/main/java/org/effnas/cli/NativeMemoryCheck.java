package org.effnas.cli;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.effnas.InvalidInputException;

/**
 * Whether a network's parameters fit the native (off-heap) memory that ND4J may use, checked before
 * DL4J allocates them: past the limit, the allocation would abort the JVM or throw from native code
 * instead of giving a message. The limit is JavaCPP's {@code org.bytedeco.javacpp.maxbytes} (the
 * launcher sets 8G; {@code EFFNAS_JAVA_OPTS} changes it) less what is already allocated.
 */
final class NativeMemoryCheck {

    /** Bytes per parameter: float32 weights, and as much again while they are initialised. */
    static final long BYTES_PER_PARAM = 2L * Float.BYTES;

    private NativeMemoryCheck() {
    }

    /** Refuses a network of {@code params} parameters that would not fit, naming the estimate and the limit. */
    static void refuseIfTooLarge(long params) {
        if (params > Integer.MAX_VALUE) {
            throw new InvalidInputException(String.format(Locale.ROOT, "--dl4j: the network has %,d parameters, more "
                    + "than the %,d one DL4J parameter array holds; inspect it without --dl4j", params, Integer.MAX_VALUE));
        }
        long estimate = params * BYTES_PER_PARAM;
        long available = Pointer.maxBytes() - Pointer.totalBytes();
        long physical = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes() - Pointer.physicalBytes() : Long.MAX_VALUE;
        long limit = Math.min(available, physical);
        if (estimate > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT, "--dl4j: building the network needs about %.1f GB "
                    + "of native memory (%,d parameters x %d bytes), more than the %.1f GB available "
                    + "(org.bytedeco.javacpp.maxbytes / maxphysicalbytes); raise them in EFFNAS_JAVA_OPTS or inspect "
                    + "without --dl4j", estimate / 1e9, params, BYTES_PER_PARAM, Math.max(0, limit) / 1e9));
        }
    }
}
