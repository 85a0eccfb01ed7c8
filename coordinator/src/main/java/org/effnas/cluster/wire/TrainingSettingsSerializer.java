package org.effnas.cluster.wire;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.util.function.Function;
import org.effnas.InvalidInputException;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import org.effnas.eval.TrainingSettings;

/**
 * Compact form of search-core's {@link TrainingSettings}. Reading goes through the record's
 * validating constructor, so out-of-range values from the network are refused.
 */
public final class TrainingSettingsSerializer extends WireSerializer<TrainingSettings> {

    /** Compact type name: part of the wire format, never rename. */
    public static final String TYPE = "effnas.TrainingSettings";

    public TrainingSettingsSerializer() {
        super(TYPE, TrainingSettings.class);
    }

    @Override
    public TrainingSettings read(CompactReader in) {
        return new TrainingSettings(in.readFloat64("epochs"), in.readInt64("steps"), in.readInt32("subset"),
                in.readInt32("batchSize"), in.readString("optimizer"), in.readFloat64("learningRate"),
                in.readFloat64("warmupEpochs"), in.readString("schedule"), in.readFloat64("weightDecay"),
                in.readFloat64("labelSmoothing"), in.readBoolean("augment"), in.readFloat64("minivalFraction"),
                in.readInt32("preciseBnImages"), parsed("engine", in.readString("engine"), TrainingEngine::parse),
                parsed("precision", in.readString("precision"), Precision::parse));
    }

    @Override
    public void write(CompactWriter out, TrainingSettings t) {
        out.writeFloat64("epochs", t.epochs());
        out.writeInt64("steps", t.steps());
        out.writeInt32("subset", t.subset());
        out.writeInt32("batchSize", t.batchSize());
        out.writeString("optimizer", t.optimizer());
        out.writeFloat64("learningRate", t.learningRate());
        out.writeFloat64("warmupEpochs", t.warmupEpochs());
        out.writeString("schedule", t.schedule());
        out.writeFloat64("weightDecay", t.weightDecay());
        out.writeFloat64("labelSmoothing", t.labelSmoothing());
        out.writeBoolean("augment", t.augment());
        out.writeFloat64("minivalFraction", t.minivalFraction());
        out.writeInt32("preciseBnImages", t.preciseBnImages());
        out.writeString("engine", t.engine().text());
        out.writeString("precision", t.precision().text());
    }

    /** A closed-set field from the network, refused as bad input (never a crash) when it names nothing known. */
    private static <T> T parsed(String field, String text, Function<String, T> parse) {
        if (text == null) {
            throw new InvalidInputException("training settings from the network: " + field + " is missing");
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("training settings from the network: " + field + ": " + e.getMessage());
        }
    }
}
