package org.effnas.worker.nhwc;

import org.bytedeco.dnnl.memory;

/**
 * An activation of the NHWC engine: its dimensions [N, C, H, W] (oneDNN's logical order), its values in
 * NHWC memory, and the memory its gradient is written to (null where no gradient is needed: the input).
 */
record NhwcTensor(long[] dims, memory data, memory diff) {

    long channels() {
        return dims[1];
    }
}
