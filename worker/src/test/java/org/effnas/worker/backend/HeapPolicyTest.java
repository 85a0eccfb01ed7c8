package org.effnas.worker.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HeapPolicyTest {

    @Test
    void setsTheFreeHeapRatiosWhenTheUserDidNot() {
        String described = HeapPolicy.apply();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals("5", hotspot.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals("20", hotspot.getVMOption("MaxHeapFreeRatio").getValue());
        assertTrue(described.contains("free=5-20%") && described.endsWith("set-by=effnas"), described);
        assertEquals(described, HeapPolicy.apply(), "a second call changes nothing");
    }

    @Test
    void keepsTheRatiosTheUserGave() throws Exception {
        String out = run("-XX:MaxHeapFreeRatio=70");
        assertTrue(out.contains("free=40-70%") && out.endsWith("set-by=user"), out);
    }

    @Test
    void aFreshJvmGetsThePolicy() throws Exception {
        String out = run();
        assertTrue(out.contains("free=5-20%") && out.endsWith("set-by=effnas"), out);
    }

    /** {@link HeapPolicy#apply()}'s description in a fresh JVM started with these options. */
    private static String run(String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Apply.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Prints what {@link HeapPolicy#apply()} did. */
    public static final class Apply {
        public static void main(String[] args) {
            System.out.println(HeapPolicy.apply());
        }
    }
}
