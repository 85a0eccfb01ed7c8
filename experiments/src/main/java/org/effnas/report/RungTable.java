package org.effnas.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The schema of {@code rungs.csv}: every rung evaluation of an experiment run under a scheduler. */
public final class RungTable {

    public static final String RUNGS = "rungs.csv";

    private static final List<String> HEADER = List.of("phase", "candidate", "rung", "steps", "from_steps", "top1",
            "wall_s", "spec");

    private RungTable() {
    }

    public static void write(Path dir, List<RungPoint> points) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (RungPoint p : points) {
            rows.add(List.of(p.phase(), p.candidate(), Integer.toString(p.rung()), Long.toString(p.steps()),
                    Long.toString(p.fromSteps()), Measurement.num(p.top1()), Measurement.num(p.wallSeconds()),
                    p.specKey()));
        }
        Csv.write(dir.resolve(RUNGS), HEADER, rows);
    }

    /** The rung table of an experiment directory; empty when the run had no rungs. */
    public static List<RungPoint> read(Path dir) throws IOException {
        Path file = dir.resolve(RUNGS);
        List<RungPoint> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        int line = 1;
        for (Map<String, String> row : Csv.read(file)) {
            String where = file + " row " + (++line);
            out.add(new RungPoint(Measurement.text(row, "phase", where), Measurement.text(row, "candidate", where),
                    (int) Measurement.whole(row, "rung", where), Measurement.whole(row, "steps", where),
                    Measurement.whole(row, "from_steps", where), Measurement.decimal(row, "top1", where),
                    Measurement.decimal(row, "wall_s", where), Measurement.text(row, "spec", where)));
        }
        return out;
    }
}
