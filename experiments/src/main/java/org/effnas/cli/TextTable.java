package org.effnas.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.effnas.report.Csv;

/**
 * Rows of cells printed as an aligned text table (numbers right-aligned) or as CSV. Cells are
 * plain text; CSV cells holding a comma, quote or newline are quoted.
 */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    TextTable add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header has " + header.size());
        }
        rows.add(List.copyOf(row));
        return this;
    }

    /** Aligned columns separated by two spaces, a rule under the header, and a rule before
     *  {@code footerRows} final rows (totals) when there are any. */
    String render(int footerRows) {
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            numeric[c] = true;
        }
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
                numeric[c] &= row.get(c).isEmpty() || row.get(c).matches("[-+0-9.,%xe]+");
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width, numeric);
        rule(out, width);
        for (int r = 0; r < rows.size(); r++) {
            if (footerRows > 0 && r == rows.size() - footerRows) {
                rule(out, width);
            }
            line(out, rows.get(r), width, numeric);
        }
        return out.toString();
    }

    /** A count as a table shows it: with thousands separators when {@code readable}, else plain digits. */
    static String count(long v, boolean readable) {
        return readable ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v);
    }

    String csv() {
        return Csv.text(header, rows);
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            b.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
        }
        out.append(b.toString().stripTrailing()).append('\n');
    }

    private static void rule(StringBuilder out, int[] width) {
        out.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
    }
}
