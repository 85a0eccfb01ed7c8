package org.effnas.worker.backend;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much Java heap a training process keeps committed. A DL4J step allocates its big arrays off-heap
 * but churns hundreds of MB of small Java objects; with HotSpot's default free-heap ratios (40-70%) the
 * G1 heap grows to 0.6-1.2 GB around a live set of about 0.3 GB and keeps it, which was a third of a
 * worker's peak RSS. Keeping 5-20% free after a collection holds the heap near the live set at no
 * measured CPU cost (docs/performance.md). The ratios are manageable flags, so this works whichever way
 * the JVM was started; a ratio the user gave on the command line is kept.
 */
public final class HeapPolicy {

    /** Least share of the heap left free after a collection before the heap grows. */
    public static final int MIN_FREE_PERCENT = 5;
    /** Most share of the heap left free after a collection before the heap shrinks. */
    public static final int MAX_FREE_PERCENT = 20;

    /** Who set the ratios in force; {@code null} until {@link #apply()} has run. */
    private enum SetBy { EFFNAS, USER, UNAVAILABLE }

    private static volatile SetBy setBy;

    private HeapPolicy() {
    }

    /** Sets the free-heap ratios unless the user set either; idempotent. Returns what {@link #describe} says. */
    public static synchronized String apply() {
        if (setBy != null) {
            return describe();
        }
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            VMOption min = hotspot.getVMOption("MinHeapFreeRatio");
            VMOption max = hotspot.getVMOption("MaxHeapFreeRatio");
            if (min.getOrigin() != VMOption.Origin.DEFAULT || max.getOrigin() != VMOption.Origin.DEFAULT) {
                setBy = SetBy.USER;
            } else {
                // Lower the minimum first: the JVM refuses a maximum below the current minimum.
                hotspot.setVMOption("MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT));
                hotspot.setVMOption("MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT));
                setBy = SetBy.EFFNAS;
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or the flags are not manageable here: the JVM's own sizing stays.
            setBy = SetBy.UNAVAILABLE;
        }
        return describe();
    }

    /** {@code G1,max=4096M,free=5-20%,set-by=effnas}: the collector, heap limit and free ratios in force. */
    public static String describe() {
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).map(n -> n.split(" ")[0]).distinct()
                .collect(Collectors.joining("+"));
        String ratios;
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            ratios = hotspot.getVMOption("MinHeapFreeRatio").getValue() + "-"
                    + hotspot.getVMOption("MaxHeapFreeRatio").getValue() + "%";
        } catch (RuntimeException | LinkageError e) {
            ratios = "unknown";
        }
        return String.format(Locale.ROOT, "%s,max=%dM,free=%s,set-by=%s", gc,
                Runtime.getRuntime().maxMemory() >> 20, ratios,
                setBy == null ? "nobody" : setBy.name().toLowerCase(Locale.ROOT));
    }
}
