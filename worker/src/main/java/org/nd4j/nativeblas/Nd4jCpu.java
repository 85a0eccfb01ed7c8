package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim that lets DL4J 1.0.0-M2.1 find out whether ND4J runs with oneDNN.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but
 * ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed
 * the method to {@code isUseONEDNN()}. The failed lookup makes DL4J drop every oneDNN layer helper
 * (convolution, batch norm, pooling), which halves training speed. This class restores the old
 * name and delegates to the real binding; it must keep this exact package and name. The delegate
 * is found by reflection so that the module still compiles against the CUDA backend, where the
 * CPU binding is absent (and the answer is false). {@code org.effnas.worker.backend.NativeBackend}
 * checks that the helpers really attach.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name of ND4J's native environment, as DL4J M2.1 looks it up. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();
        private static final boolean USE_ONEDNN = askBinding();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4j was built with oneDNN and is allowed to use it. */
        public boolean isUseMKLDNN() {
            return USE_ONEDNN;
        }

        private static boolean askBinding() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
