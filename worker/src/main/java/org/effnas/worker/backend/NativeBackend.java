package org.effnas.worker.backend;

import java.util.Properties;
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
                + " helpers=" + !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"));
    }
}
