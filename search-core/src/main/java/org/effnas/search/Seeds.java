package org.effnas.search;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Random generators derived from the experiment seed, one independent stream per purpose, with a
 * fixed algorithm (SplittableRandom) so a seed means the same sequence on every JVM.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A generator for one purpose (e.g. {@code evolution}) of an experiment seed. */
    public static RandomGenerator generator(long seed, String purpose) {
        long salt = UUID.nameUUIDFromBytes(purpose.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return new SplittableRandom(seed ^ salt);
    }
}
