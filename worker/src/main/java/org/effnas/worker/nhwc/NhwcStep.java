package org.effnas.worker.nhwc;

import java.util.List;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;

/**
 * One oneDNN primitive with its arguments, bound once when the network is built; {@code memories} lists
 * the same arguments for the gradient buffers' liveness analysis ({@link GradientBuffers}), and
 * {@code kind} names the layer kind it belongs to for the profile ({@link NhwcProfile}).
 */
record NhwcStep(String kind, primitive primitive, IntMemoryMap args, List<memory> memories) {

    void run(stream s) {
        primitive.execute(s, args);
    }
}
