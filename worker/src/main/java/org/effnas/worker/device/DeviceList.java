package org.effnas.worker.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.effnas.InvalidInputException;

/**
 * The devices a worker evaluates on, parsed from {@code cpu}, {@code cpu:N} (N slots sharing the
 * cores) or {@code gpu:0,1} (one slot per listed GPU). One evaluation runs per device at a time.
 */
public record DeviceList(List<Device> devices) {

    public DeviceList {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a device list needs at least one device");
        }
    }

    /** Parses {@code cpu}, {@code cpu:N} or {@code gpu:I[,J...]}; bad text is an {@link InvalidInputException}. */
    public static DeviceList parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) {
            return new DeviceList(List.of(Device.cpu(0)));
        }
        if (t.startsWith("cpu:")) {
            int n = number(t.substring(4), text);
            if (n < 1 || n > 256) {
                throw new InvalidInputException("--devices: cpu:N needs 1 <= N <= 256 slots, got '" + text + "'");
            }
            List<Device> slots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                slots.add(Device.cpu(i));
            }
            return new DeviceList(slots);
        }
        if (t.startsWith("gpu:")) {
            Set<Integer> ordinals = new LinkedHashSet<>();
            for (String part : t.substring(4).split(",", -1)) {
                int ordinal = number(part, text);
                if (ordinal < 0 || !ordinals.add(ordinal)) {
                    throw new InvalidInputException("--devices: GPU ordinals must be distinct and >= 0, got '" + text + "'");
                }
            }
            return new DeviceList(ordinals.stream().map(Device::gpu).toList());
        }
        throw new InvalidInputException("--devices: expected cpu, cpu:N or gpu:I[,J...] (e.g. cpu:2, gpu:0,1), got '"
                + text + "'");
    }

    private static int number(String s, String whole) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--devices: '" + s.trim() + "' in '" + whole
                    + "' is not a number; expected cpu, cpu:N or gpu:I[,J...]");
        }
    }

    public int size() {
        return devices.size();
    }

    public boolean gpu() {
        return devices.get(0).kind() == Device.Kind.GPU;
    }

    /** Native threads each CPU slot gets: the cores shared evenly, at least one. */
    public int threadsPerSlot(int cores) {
        return Math.max(1, cores / devices.size());
    }
}
