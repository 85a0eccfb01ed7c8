package org.effnas.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: an aligned text table, CSV or JSON. */
public enum OutputFormat {
    TABLE, CSV, JSON;

    /** Accepts {@code table}, {@code csv} or {@code json} in any case. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new TypeConversionException("unknown value '" + value + "', expected table, csv or json");
            }
        }
    }
}
