package org.effnas;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A closed set of choices for one setting (an evaluator kind, a strategy, a cluster mode), each
 * with the name it has in configs and flags. The enums implement it, and parsing them lives here,
 * once: the name is matched exactly, and an unknown one is refused with every valid name.
 */
public interface SettingChoice {

    /** The name in configs, flags, provenance and cache keys: the constant's name in lower case. */
    @JsonValue
    default String text() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** Every name of {@code type}, in declaration order. */
    static <E extends Enum<E> & SettingChoice> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SettingChoice::text).toList();
    }

    /**
     * The choice named {@code name}.
     *
     * @param setting the setting's neutral name, for the message (the CLI or config adds flag or key)
     * @param what    what a choice is, e.g. "strategy"
     * @throws InvalidSettingException for an unknown name
     */
    static <E extends Enum<E> & SettingChoice> E parse(Class<E> type, String setting, String what, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.text().equals(name)) {
                return e;
            }
        }
        throw new InvalidSettingException(setting, "unknown " + what + " '" + name + "', expected one of "
                + String.join(", ", names(type)));
    }
}
