package org.effnas.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.InvalidInputException;

/**
 * RFC 4180 CSV: a header row, then rows; fields with commas, quotes or newlines are quoted (spec
 * keys contain commas). Reading gives each row as a map from column name to text.
 */
public final class Csv {

    private Csv() {
    }

    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        line(b, header);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + ": row has " + row.size() + " cells, header " + header.size());
            }
            line(b, row);
        }
        Files.writeString(file, b.toString());
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append('\n');
    }

    /** Reads a CSV file written by {@link #write}; a malformed file is bad input naming the line. */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file), file);
        List<Map<String, String>> out = new ArrayList<>();
        if (records.isEmpty()) {
            return out;
        }
        List<String> header = records.get(0);
        for (int r = 1; r < records.size(); r++) {
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
        List<List<String>> records = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                cur.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    cur.add(cell.toString());
                    records.add(cur);
                }
                cur = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new InvalidInputException(file + ": unterminated quoted field at the end; the file is truncated or corrupt");
        }
        if (any || cell.length() > 0) {
            cur.add(cell.toString());
            records.add(cur);
        }
        return records;
    }
}
