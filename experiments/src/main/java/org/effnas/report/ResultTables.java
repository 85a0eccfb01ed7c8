package org.effnas.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CSV files of an experiment directory: {@code candidates.csv} (every search evaluation),
 * {@code grid.csv} (every grid evaluation, under a multi-fidelity scheduler one row per seed and rung
 * with {@code rung} and {@code steps}), {@code family.csv} (every scaled model) and {@code final.csv}
 * (every member of the final phase, measured on the test split). Each row
 * carries its full provenance (evaluator, seed, training recipe, dataset and checksum, effnas
 * version, worker, timings). The grid's {@code ci95_low}/{@code ci95_high} columns are clipped to
 * [0, 1]; the report computes its own intervals from the rows (Wilson or clipped t, with n).
 */
public final class ResultTables {

    public static final String CANDIDATES = "candidates.csv";
    public static final String GRID = "grid.csv";
    public static final String FAMILY = "family.csv";
    public static final String FINAL = "final.csv";

    private ResultTables() {
    }

    public static void writeSearch(Path dir, List<SearchPoint> points) throws IOException {
        write(dir.resolve(CANDIDATES), List.of("run", "index", "elapsed_s", "reward"), points,
                p -> List.of(p.run(), Integer.toString(p.index()), Measurement.num(p.elapsedSeconds()),
                        Measurement.num(p.reward())), SearchPoint::m);
    }

    public static void writeGrid(Path dir, List<GridPoint> points) throws IOException {
        write(dir.resolve(GRID), List.of("alpha", "beta", "gamma", "rung", "steps", "mean_top1", "ci95_low",
                "ci95_high", "winner"), points, p -> List.of(Measurement.num(p.alpha()), Measurement.num(p.beta()),
                        Measurement.num(p.gamma()), Integer.toString(p.rung()), p.steps() > 0 ? Long.toString(p.steps()) : "",
                        Measurement.num(p.meanTop1()), Measurement.num(clip(p.ciLow())), Measurement.num(clip(p.ciHigh())),
                        Boolean.toString(p.winner())), GridPoint::m);
    }

    public static void writeFamily(Path dir, List<FamilyPoint> points) throws IOException {
        write(dir.resolve(FAMILY), List.of("scaling", "phi", "name", "width", "depth", "resolution"), points,
                p -> List.of(p.scaling(), Measurement.num(p.phi()), p.name(), Measurement.num(p.width()),
                        Measurement.num(p.depth()), Integer.toString(p.resolution())), FamilyPoint::m);
    }

    public static void writeFinal(Path dir, List<FinalPoint> points) throws IOException {
        write(dir.resolve(FINAL), List.of("member", "source", "minival_top1", "test_images", "steps", "from_steps",
                "continued_from", "model", "onnx"), points, p -> List.of(p.member(), p.source(),
                Measurement.num(p.minivalTop1()), Integer.toString(p.testImages()), Long.toString(p.steps()),
                Long.toString(p.fromSteps()), p.continuedFrom(), p.model(), Boolean.toString(p.onnx())), FinalPoint::m);
    }

    /** An interval end inside [0, 1]: a t-interval over few seeds can run past either end. */
    private static double clip(double v) {
        return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
    }

    private static <T> void write(Path file, List<String> context, List<T> points, Function<T, List<String>> cells,
                                  Function<T, Measurement> measurement) throws IOException {
        List<String> header = new ArrayList<>(context);
        header.addAll(Measurement.COLUMNS);
        List<List<String>> rows = new ArrayList<>();
        for (T p : points) {
            List<String> row = new ArrayList<>(cells.apply(p));
            row.addAll(measurement.apply(p).cells());
            rows.add(row);
        }
        Csv.write(file, header, rows);
    }

    public static List<SearchPoint> readSearch(Path dir) throws IOException {
        return read(dir.resolve(CANDIDATES), (row, where) -> new SearchPoint(Measurement.text(row, "run", where),
                (int) Measurement.whole(row, "index", where), Measurement.decimal(row, "elapsed_s", where),
                Measurement.decimal(row, "reward", where), Measurement.fromRow(row, where)));
    }

    public static List<GridPoint> readGrid(Path dir) throws IOException {
        // a grid.csv without rung and steps columns (another effnas version) reads as one rung of the recipe
        return read(dir.resolve(GRID), (row, where) -> new GridPoint(Measurement.decimal(row, "alpha", where),
                Measurement.decimal(row, "beta", where), Measurement.decimal(row, "gamma", where),
                row.containsKey("rung") ? (int) Measurement.whole(row, "rung", where) : 0,
                row.containsKey("steps") ? Measurement.whole(row, "steps", where) : 0,
                Measurement.decimal(row, "mean_top1", where), Measurement.decimal(row, "ci95_low", where),
                Measurement.decimal(row, "ci95_high", where), "true".equals(row.get("winner")),
                Measurement.fromRow(row, where)));
    }

    public static List<FamilyPoint> readFamily(Path dir) throws IOException {
        return read(dir.resolve(FAMILY), (row, where) -> new FamilyPoint(Measurement.text(row, "scaling", where),
                Measurement.decimal(row, "phi", where), Measurement.text(row, "name", where),
                Measurement.decimal(row, "width", where), Measurement.decimal(row, "depth", where),
                (int) Measurement.whole(row, "resolution", where), Measurement.fromRow(row, where)));
    }

    public static List<FinalPoint> readFinal(Path dir) throws IOException {
        return read(dir.resolve(FINAL), (row, where) -> new FinalPoint(Measurement.text(row, "member", where),
                row.getOrDefault("source", ""), Measurement.decimal(row, "minival_top1", where),
                (int) Measurement.whole(row, "test_images", where), Measurement.whole(row, "steps", where),
                Measurement.whole(row, "from_steps", where), row.getOrDefault("continued_from", ""),
                Measurement.text(row, "model", where), "true".equals(row.get("onnx")), Measurement.fromRow(row, where)));
    }

    private interface RowReader<T> {
        T read(Map<String, String> row, String where);
    }

    private static <T> List<T> read(Path file, RowReader<T> reader) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        String where = file.toString();
        for (Map<String, String> row : Csv.read(file)) {
            out.add(reader.read(row, where));
        }
        return out;
    }
}
