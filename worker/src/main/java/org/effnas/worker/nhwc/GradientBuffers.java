package org.effnas.worker.nhwc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.Pointer;

/**
 * The NHWC engine's gradient memories, placed in shared buffers once the network is built. A gradient
 * is live from the backward step that first touches it to the last one that does, and every step
 * overwrites what it writes, so gradients whose lives do not overlap share a buffer: the backward pass
 * then holds a few activation-sized gradients at a time instead of one per activation, as PyTorch's
 * autograd frees each gradient once used.
 */
final class GradientBuffers {

    private final engine eng;
    private final List<memory> gradients = new ArrayList<>();
    private final Set<memory> isGradient = Collections.newSetFromMap(new IdentityHashMap<>());
    /** A view over a gradient's bytes (another description of them) follows the gradient's buffer. */
    private final Map<memory, memory> viewOf = new IdentityHashMap<>();
    private final List<memory> buffers = new ArrayList<>();
    private long bytes;

    GradientBuffers(engine eng) {
        this.eng = eng;
    }

    /** A gradient memory with no buffer yet. */
    memory gradient(memory.desc d) {
        memory m = new memory(d, eng, (Pointer) null);
        gradients.add(m);
        isGradient.add(m);
        return m;
    }

    /**
     * A memory only backward steps use, within one layer's backward (the SE gate's dy * x, say), with no
     * buffer yet: it shares buffers as a gradient does, since its life is as short.
     */
    memory scratch(memory.desc d) {
        return gradient(d);
    }

    boolean isGradient(memory m) {
        return isGradient.contains(m);
    }

    /** Registers {@code view}, created without a buffer, as another description of {@code gradient}'s bytes. */
    void follow(memory view, memory gradient) {
        viewOf.put(view, gradient);
    }

    /** Gives every gradient touched by {@code steps} (in execution order) a buffer, sharing where lives allow. */
    void place(List<NhwcStep> steps) {
        Map<memory, int[]> life = new IdentityHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (memory m : steps.get(i).memories()) {
                memory g = viewOf.getOrDefault(m, m);
                if (isGradient.contains(g)) {
                    int index = i;
                    life.computeIfAbsent(g, k -> new int[] {index, index})[1] = i;
                }
            }
        }
        List<memory> order = new ArrayList<>(gradients.stream().filter(life::containsKey).toList());
        order.sort((a, b) -> Integer.compare(life.get(a)[0], life.get(b)[0]));
        List<memory> active = new ArrayList<>();
        Map<memory, memory> bufferOf = new IdentityHashMap<>();
        List<memory> free = new ArrayList<>();
        for (memory g : order) {
            int start = life.get(g)[0];
            active.removeIf(a -> {
                if (life.get(a)[1] < start) {
                    free.add(bufferOf.get(a));
                    return true;
                }
                return false;
            });
            long need = g.get_desc().get_size();
            memory best = null;
            for (memory f : free) {
                long size = f.get_desc().get_size();
                if (size >= need && (best == null || size < best.get_desc().get_size())) {
                    best = f;
                }
            }
            if (best == null) {
                best = new memory(new memory.desc(new long[] {need}, memory.data_type.u8, memory.format_tag.a), eng);
                buffers.add(best);
                bytes += need;
            } else {
                free.remove(free.indexOf(best));
            }
            bufferOf.put(g, best);
            g.set_data_handle(best.get_data_handle());
            active.add(g);
        }
        viewOf.forEach((view, g) -> {
            if (bufferOf.containsKey(g)) {
                view.set_data_handle(g.get_data_handle());
            }
        });
    }

    /** Bytes of the shared buffers, for the record. */
    long bytes() {
        return bytes;
    }
}
