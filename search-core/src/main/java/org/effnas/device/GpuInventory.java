package org.effnas.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counts the GPUs of this machine, for {@code --devices gpu:all}. A seam so the parser can be tested
 * without GPUs.
 */
@FunctionalInterface
public interface GpuInventory {

    /** Number of GPUs, 0 when there are none or they cannot be listed. */
    int count();

    /** Asks {@code nvidia-smi -L} (one line per GPU); 0 when it is not installed or fails. */
    static GpuInventory nvidiaSmi() {
        return () -> {
            try {
                Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
                String out;
                try (InputStream in = p.getInputStream()) {
                    // bounded: one short line per GPU
                    out = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                }
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return 0;
                }
                if (p.exitValue() != 0) {
                    return 0;
                }
                return (int) out.lines().filter(l -> l.startsWith("GPU ")).count();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        };
    }
}
