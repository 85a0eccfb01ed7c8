package org.effnas.worker.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The processor a benchmark ran on, for its report: the model name from /proc/cpuinfo and the core count. */
public final class ProcessorName {

    private ProcessorName() {
    }

    /** E.g. {@code Intel(R) Xeon(R) Processor x2}; the architecture name where there is no /proc/cpuinfo. */
    public static String describe() {
        String name = System.getProperty("os.arch");
        try {
            name = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(name);
        } catch (IOException e) {
            // keep the architecture name
        }
        return name + " x" + Runtime.getRuntime().availableProcessors();
    }
}
