package org.effnas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: an aligned text table, CSV or JSON. */
public enum OutputFormat {
    TABLE, CSV, JSON;

    private static final ObjectMapper JSON_WRITER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A new JSON object to fill and hand to {@link #json}. */
    static ObjectNode jsonObject() {
        return JSON_WRITER.createObjectNode();
    }

    /** Indented JSON text of {@code node}, ending in a newline. */
    static String json(JsonNode node) {
        try {
            return JSON_WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("writing a JSON tree cannot fail", ex);
        }
    }

    /** {@code --format table|csv|json}, the picocli mixin of the commands that print tables (inspect, family). */
    public static final class Flag {

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = Converter.class,
                description = "table, csv or json (default: ${DEFAULT-VALUE}).")
        OutputFormat value;
    }

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
