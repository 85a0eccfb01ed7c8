package org.effnas.schedule;

import java.util.Locale;
import org.effnas.InvalidInputException;
import org.effnas.SettingChoice;

/**
 * The schedulers effnas has: how much training each evaluation gets and which candidates continue.
 * Each one's {@link #text()} is its name as configs and flags spell it.
 */
public enum SchedulerName implements SettingChoice {
    /** Every candidate trains the same budget once (the training recipe, or {@code max_steps}). */
    FIFO,
    /** Asynchronous successive halving (Li et al. 2020): rungs at {@code min_steps * eta^k}, no barrier. */
    ASHA,
    /** Several ASHA brackets whose candidates start at different rungs (asynchronous Hyperband). */
    HYPERBAND;

    /** Parses a config or flag value (any case); {@code field} names the setting in the error. */
    public static SchedulerName parse(String text, String field) {
        for (SchedulerName n : values()) {
            if (n.text().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new InvalidInputException(field + ": must be one of "
                + String.join(", ", SettingChoice.names(SchedulerName.class)) + ", got " + text);
    }
}
