package org.effnas.cluster.worker;

import java.util.ArrayList;
import java.util.List;
import org.effnas.InvalidInputException;

/**
 * The devices a worker offers, one evaluation slot each: {@code cpu:2} is two CPU slots
 * ({@code cpu0}, {@code cpu1}), {@code gpu:0,1} the GPUs 0 and 1 ({@code gpu0}, {@code gpu1}),
 * a bare {@code cpu} or {@code gpu} one slot.
 *
 * @param text  the list as written
 * @param slots slot names, each handed to the evaluator factory
 */
public record DeviceSlots(String text, List<String> slots) {

    private static final int MAX_CPU_SLOTS = 256;

    public DeviceSlots {
        slots = List.copyOf(slots);
        if (slots.isEmpty()) {
            throw new InvalidInputException("--devices: no device in '" + text + "'");
        }
    }

    /** Parses {@code cpu:N}, {@code gpu:I,J,...}, {@code cpu} or {@code gpu}. */
    public static DeviceSlots parse(String text) {
        String usage = ", expected cpu:N (N slots on the CPU) or gpu:0,1 (GPU indices)";
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("--devices: empty" + usage);
        }
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        String kind = t.contains(":") ? t.substring(0, t.indexOf(':')) : t;
        String arg = t.contains(":") ? t.substring(t.indexOf(':') + 1) : null;
        List<String> slots = new ArrayList<>();
        if (kind.equals("cpu")) {
            int n = arg == null ? 1 : number(text, arg, usage);
            if (n < 1 || n > MAX_CPU_SLOTS) {
                throw new InvalidInputException("--devices: '" + text + "': the CPU slot count must be in 1.."
                        + MAX_CPU_SLOTS);
            }
            for (int i = 0; i < n; i++) {
                slots.add("cpu" + i);
            }
        } else if (kind.equals("gpu")) {
            for (String index : (arg == null ? "0" : arg).split(",")) {
                int i = number(text, index.trim(), usage);
                if (i < 0 || slots.contains("gpu" + i)) {
                    throw new InvalidInputException("--devices: '" + text + "': GPU index " + index.trim()
                            + " is negative or repeated");
                }
                slots.add("gpu" + i);
            }
        } else {
            throw new InvalidInputException("--devices: unknown device kind '" + kind + "' in '" + text + "'" + usage);
        }
        return new DeviceSlots(text.trim(), slots);
    }

    public int count() {
        return slots.size();
    }

    private static int number(String text, String digits, String usage) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--devices: '" + digits + "' in '" + text + "' is not a number" + usage);
        }
    }
}
