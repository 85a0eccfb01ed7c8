package org.effnas.cli;

import java.util.function.Function;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --engine} and {@code --precision}, as {@code train} and {@code bench train} both take them (a mixin). */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dl4j", converter = EngineConverter.class,
            description = "What trains the network: dl4j (effnas's DL4J graph), or onednn-nhwc (effnas's NHWC "
            + "engine: oneDNN on NHWC activations, CPU only); the trained network is a DL4J graph either way "
            + "(default: ${DEFAULT-VALUE}).")
    TrainingEngine engine;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "f32", converter = PrecisionConverter.class,
            description = "f32, or bf16 activations with float32 master weights (onednn-nhwc only; a CPU that "
            + "cannot run bf16 falls back to f32 and says so) (default: ${DEFAULT-VALUE}).")
    Precision precision;

    /** Parses {@code --engine}. */
    public static final class EngineConverter implements ITypeConverter<TrainingEngine> {
        @Override
        public TrainingEngine convert(String value) {
            return parseOption(value, TrainingEngine::parse);
        }
    }

    /** Parses {@code --precision}. */
    public static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return parseOption(value, Precision::parse);
        }
    }

    /** An option's value through its type's parser, whose message names the accepted values. */
    private static <T> T parseOption(String value, Function<String, T> parse) {
        try {
            return parse.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
