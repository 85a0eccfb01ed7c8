package org.effnas.worker.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.effnas.worker.batchnorm.BatchNormActivation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets up ND4J's native backend the way the worker needs it, once per JVM, before any layer exists.
 *
 * <p>DL4J 1.0.0-M2.1 ships its oneDNN layer helpers switched off (system property
 * {@value #HELPERS_DISABLE} defaults to true) and, even when switched on, cannot see that oneDNN is
 * loaded (see the {@code org.nd4j.nativeblas.Nd4jCpu} shim in this module). Without them
 * convolution, batch norm and pooling fall back to slower built-in code paths. A user who sets
 * the property explicitly keeps their choice.
 */
public final class NativeBackend {

    /** DL4J's switch for the cuDNN / oneDNN layer helpers. */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private NativeBackend() {
    }

    /** OpenMP's idle-thread policy; libgomp reads it once, when ND4J's native library loads. */
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    /** libgomp's busy-wait count before an idle thread sleeps; when set it overrides the policy's count. */
    public static final String GOMP_SPINCOUNT = "GOMP_SPINCOUNT";

    private static volatile String waitPolicy = "default";

    /** The C library's setenv, to set variables that native code reads with getenv. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Call before anything touches ND4J: makes OpenMP's idle threads sleep instead of spin
     * ({@code OMP_WAIT_POLICY=PASSIVE}) unless the environment already says otherwise, and turns the
     * layer helpers on. Spinning threads cost little on an idle machine but ruin throughput when
     * other processes share the cores: measured here with the load average at 4, effnas-mini trained
     * at 17 images/s spinning and 51 images/s passive. Also applies the {@link HeapPolicy}. Returns
     * whether the policy is passive.
     */
    public static synchronized boolean prepare() {
        enableLayerHelpers();
        HeapPolicy.apply();
        String policy = System.getenv(OMP_WAIT_POLICY);
        if (policy != null) {
            waitPolicy = policy + " (environment)";
            return policy.equalsIgnoreCase("passive");
        }
        if (waitPolicy.startsWith("PASSIVE")) {
            return true;
        }
        try {
            CLibrary c = Native.loadLibrary("c", CLibrary.class);
            boolean ok = c.setenv(OMP_WAIT_POLICY, "PASSIVE", 0) == 0;
            waitPolicy = ok ? "PASSIVE (set by effnas)" : "default";
            return ok;
        } catch (LinkageError e) {
            return false; // no JNA or no libc: keep OpenMP's default
        }
    }

    /** Turns DL4J's layer helpers on unless the user decided otherwise. Idempotent, cheap. */
    public static void enableLayerHelpers() {
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
    }

    /** Whether the loaded libnd4j uses oneDNN (false on CUDA or a plain CPU build). */
    public static boolean oneDnnActive() {
        return org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }

    /** Backend name, oneDNN use and thread counts, for logs and benchmark reports. */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return "backend=" + env.getProperty("backend") + " onednn=" + oneDnnActive()
                + " omp.threads=" + env.get("omp.threads") + " blas=" + env.get("blas.vendor")
                + " helpers=" + !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"))
                + " omp.wait=" + waitPolicy + spinCount() + " bn.kernels=" + BatchNormActivation.kernelArithmetic()
                + " malloc=" + mallocInUse() + " heap=" + HeapPolicy.describe();
    }

    /** A user's own spin count, which libgomp applies over the policy's (docs/performance.md, "OpenMP wait"). */
    private static String spinCount() {
        String spins = System.getenv(GOMP_SPINCOUNT);
        return spins == null ? "" : " gomp.spincount=" + spins + " (environment)";
    }

    /**
     * Which malloc the process runs on: tcmalloc or jemalloc when one is mapped in (the launcher preloads
     * tcmalloc when installed), else glibc with its tunables. Training speed and peak memory depend on
     * it (docs/performance.md).
     */
    public static String mallocInUse() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            Optional<String> lib = maps.filter(l -> l.contains("libtcmalloc") || l.contains("libjemalloc")).findFirst();
            if (lib.isPresent()) {
                return lib.get().contains("libtcmalloc") ? "tcmalloc" : "jemalloc";
            }
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
        String tunables = System.getenv("GLIBC_TUNABLES");
        return tunables == null || tunables.isBlank() ? "glibc" : "glibc(" + tunables + ")";
    }
}
