package org.effnas.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;

/**
 * RFC 4180 CSV: a header row, then rows; fields with commas, quotes or newlines are quoted (spec
 * keys contain commas). Reading, with Jackson's CSV parser, gives each row as a map from column name
 * to text.
 */
public final class Csv {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[,\"\n\r]");

    private Csv() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + ": row has " + row.size() + " cells, header " + header.size());
            }
        }
        Files.writeString(file, text(header, rows));
    }

    /**
     * The CSV text of a header and its rows; a null cell is written empty. Only cells that need it are
     * quoted (Jackson's writer quotes far more, or, in its strict mode, misses a lone carriage return).
     */
    public static String text(List<String> header, List<List<String>> rows) {
        return Stream.concat(Stream.of(header), rows.stream())
                .map(cells -> cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\n")
                .collect(Collectors.joining());
    }

    private static String cell(String c) {
        String text = c == null ? "" : c;
        return NEEDS_QUOTES.matcher(text).find() ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** Reads a CSV file written by {@link #write}; a malformed file is bad input naming the record. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file), file);
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> header = records.get(0);
            List<String> rec = records.get(r);
            if (rec.size() != header.size()) {
                throw new InvalidInputException(file + ": record " + (r + 1) + " has " + rec.size()
                        + " fields, the header has " + header.size() + "; the file is corrupt, re-run the step that wrote it");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), rec.get(i));
            }
            out.add(row);
        }
        return out;
    }

    static List<List<String>> parse(String text, Path file) {
        try {
            String[][] records = MAPPER.readerFor(String[][].class).readValue(text);
            return Arrays.stream(records).map(List::of).toList();
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file + ": not valid CSV (" + e.getOriginalMessage()
                    + "); the file is truncated or corrupt");
        }
    }
}
