package org.effnas.data;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the float copies of splits at the resolutions asked for, least recently used dropped first
 * once their total exceeds a byte budget. The entry just built is always kept, even alone over budget.
 * Thread-safe: concurrent requests for the same entry build it once.
 */
final class ResolutionCache {

    private record Key(SplitName split, int resolution) {
    }

    private final long budgetBytes;
    private final Map<Key, FloatImages> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long heldBytes;

    ResolutionCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized FloatImages get(SplitName split, int resolution, Supplier<FloatImages> build) {
        Key key = new Key(split, resolution);
        FloatImages cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        FloatImages built = build.get();
        entries.put(key, built);
        heldBytes += built.bytes();
        Iterator<Map.Entry<Key, FloatImages>> oldestFirst = entries.entrySet().iterator();
        while (heldBytes > budgetBytes && oldestFirst.hasNext()) {
            Map.Entry<Key, FloatImages> entry = oldestFirst.next();
            if (!entry.getKey().equals(key)) {
                heldBytes -= entry.getValue().bytes();
                oldestFirst.remove();
            }
        }
        return built;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long heldBytes() {
        return heldBytes;
    }
}
