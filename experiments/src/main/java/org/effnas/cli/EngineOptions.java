package org.effnas.cli;

import java.util.function.Function;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code --engine} and {@code --precision} are read, by {@code train} and {@code bench train} alike. */
final class EngineOptions {

    private EngineOptions() {
    }

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
