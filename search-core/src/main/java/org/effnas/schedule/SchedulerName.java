package org.effnas.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.effnas.InvalidInputException;

/** The schedulers effnas has: how much training each evaluation gets and which candidates continue. */
public enum SchedulerName {
    /** Every candidate trains the same budget once (the training recipe, or {@code max_steps}). */
    FIFO,
    /** Asynchronous successive halving (Li et al. 2020): rungs at {@code min_steps * eta^k}, no barrier. */
    ASHA,
    /** Several ASHA brackets whose candidates start at different rungs (asynchronous Hyperband). */
    HYPERBAND;

    /** The name as configs and flags spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config or flag value; {@code field} names the setting in the error. */
    public static SchedulerName parse(String text, String field) {
        for (SchedulerName n : values()) {
            if (n.id().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new InvalidInputException(field + ": must be one of "
                + Arrays.stream(values()).map(SchedulerName::id).collect(Collectors.joining(", ")) + ", got " + text);
    }
}
