package org.effnas.device;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.effnas.InvalidInputException;

/**
 * The devices a worker evaluates on, parsed once from {@code --devices}: {@code cpu} or
 * {@code cpu:N} (N slots sharing the cores), {@code gpu} or {@code gpu:0,1} (one slot per listed
 * GPU), {@code gpu:all} (every GPU {@code nvidia-smi -L} lists). One evaluation runs per device at a
 * time. All devices of a list are of one kind.
 *
 * @param text    the list as written (trimmed)
 * @param devices one per slot, in order
 */
public record DeviceList(String text, List<Device> devices) {

    /** The most CPU slots one process may ask for. */
    public static final int MAX_CPU_SLOTS = 256;
    private static final String USAGE = "; expected cpu, cpu:N, gpu:I[,J...] or gpu:all (e.g. cpu:2, gpu:0,1)";

    public DeviceList {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a device list needs at least one device");
        }
        if (devices.stream().map(Device::kind).distinct().count() > 1) {
            throw new IllegalArgumentException("a device list holds one kind of device, got " + devices);
        }
    }

    /** {@code n} CPU slots sharing the cores (local threads, an embedded cluster). */
    public static DeviceList cpu(int n) {
        if (n < 1 || n > MAX_CPU_SLOTS) {
            throw new InvalidInputException("--devices: cpu:N needs 1 <= N <= " + MAX_CPU_SLOTS + ", got " + n);
        }
        return new DeviceList("cpu:" + n, IntStream.range(0, n).mapToObj(Device::cpu).toList());
    }

    /** Parses a device list, counting GPUs with {@code nvidia-smi -L} for {@code gpu:all}. */
    public static DeviceList parse(String text) {
        return parse(text, GpuInventory.nvidiaSmi());
    }

    /** Parses a device list; bad text is an {@link InvalidInputException} naming {@code --devices}. */
    public static DeviceList parse(String text, GpuInventory gpus) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return new DeviceList(t, List.of(Device.cpu(0)));
        }
        if (t.startsWith("cpu:")) {
            DeviceList l = cpu(number(t.substring(4), text));
            return new DeviceList(t, l.devices());
        }
        if (t.equals("gpu")) {
            return new DeviceList(t, List.of(Device.gpu(0)));
        }
        if (t.equals("gpu:all")) {
            int n = gpus.count();
            if (n < 1) {
                throw new InvalidInputException("--devices gpu:all: no GPU found ('nvidia-smi -L' is missing or "
                        + "lists none); give the GPUs explicitly (gpu:0,1) or use cpu:N");
            }
            return new DeviceList(t, IntStream.range(0, n).mapToObj(Device::gpu).toList());
        }
        if (t.startsWith("gpu:")) {
            Set<Integer> ordinals = new LinkedHashSet<>();
            for (String part : t.substring(4).split(",", -1)) {
                int ordinal = number(part, text);
                if (ordinal < 0 || !ordinals.add(ordinal)) {
                    throw new InvalidInputException("--devices: GPU ordinals must be distinct and >= 0, got '"
                            + text + "'");
                }
            }
            return new DeviceList(t, ordinals.stream().map(Device::gpu).toList());
        }
        throw new InvalidInputException("--devices: unknown device list '" + text + "'" + USAGE);
    }

    private static int number(String s, String whole) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--devices: '" + s.trim() + "' in '" + whole + "' is not a number" + USAGE);
        }
    }

    public int size() {
        return devices.size();
    }

    /** True for a GPU list. */
    public boolean gpu() {
        return devices.get(0).isGpu();
    }

    /** Native threads each CPU slot gets: the cores shared evenly, at least one. */
    public int threadsPerSlot(int cores) {
        return Math.max(1, cores / devices.size());
    }
}
