package org.effnas.spec;

/**
 * The sane range of every number in an architecture, checked when a spec is built (so before any
 * work is done on it) and documented in docs/cost-model.md. The bounds are far beyond any published
 * EfficientNet or MnasNet (B7: 600 px, 13 repeats, 640 filters, 37 G multiply-adds) but keep every
 * count exact in a {@code long} and every shape in an {@code int}, so a typo such as
 * {@code r999999999} is refused with a message instead of exhausting memory.
 */
public final class SpecLimits {

    /** Largest input resolution (height = width). */
    public static final int MAX_RESOLUTION = 4096;
    /** Largest number of input channels. */
    public static final int MAX_IN_CHANNELS = 1024;
    /** Largest number of classes. */
    public static final int MAX_CLASSES = 1_000_000;
    /** Largest number of repeats of one stage. */
    public static final int MAX_REPEATS = 256;
    /** Largest number of blocks in a whole network (the sum of the repeats). */
    public static final int MAX_BLOCKS = 1024;
    /** Largest kernel size (odd). */
    public static final int MAX_KERNEL = 31;
    /** Largest expansion ratio of an MBConv block. */
    public static final int MAX_EXPANSION = 64;
    /** Largest number of filters of a stem, stage or head. */
    public static final int MAX_FILTERS = 65_536;
    /** Largest total multiply-accumulate count of a network for one image: 10^12. */
    public static final long MAX_MACS = 1_000_000_000_000L;
    /** Largest total trainable-parameter count of a network: 10^10. */
    public static final long MAX_PARAMS = 10_000_000_000L;

    private SpecLimits() {
    }

    /** Checks {@code min <= value <= max}, naming {@code field} otherwise. */
    static int check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSpecException(field, "must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
}
