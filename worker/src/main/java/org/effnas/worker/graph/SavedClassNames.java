package org.effnas.worker.graph;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.effnas.worker.batchnorm.BatchNormActivation;
import org.nd4j.shade.jackson.databind.DeserializationContext;
import org.nd4j.shade.jackson.databind.JavaType;
import org.nd4j.shade.jackson.databind.deser.DeserializationProblemHandler;
import org.nd4j.shade.jackson.databind.jsontype.TypeIdResolver;

/**
 * Lets DL4J read networks saved while this project's layer and vertex configurations lived in the
 * package {@code org.effnas.worker.net}. DL4J writes each configuration's Java class name into the
 * JSON of a {@code model.zip} or checkpoint, so without this a network trained and saved under those
 * names would no longer load. Unknown type ids are looked up here; any other id still fails as before.
 */
public final class SavedClassNames {

    private static final Map<String, Class<?>> FORMER = Map.of(
            "org.effnas.worker.net.BatchNormActivation", BatchNormActivation.class,
            "org.effnas.worker.net.ResidualVertex", ResidualVertex.class,
            "org.effnas.worker.net.ChannelScaleVertex", ChannelScaleVertex.class);

    private static boolean registered;

    private SavedClassNames() {
    }

    /** Adds the lookup to DL4J's configuration mapper (once; later calls do nothing). Call before restoring a network. */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        NeuralNetConfiguration.mapper().addHandler(new DeserializationProblemHandler() {
            @Override
            public JavaType handleUnknownTypeId(DeserializationContext ctxt, JavaType baseType, String subTypeId,
                                                TypeIdResolver idResolver, String failureMsg) {
                Class<?> current = FORMER.get(subTypeId);
                return current != null && baseType.getRawClass().isAssignableFrom(current)
                        ? ctxt.constructType(current) : null;
            }
        });
        registered = true;
    }
}
