package org.effnas.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.effnas.experiment.ExperimentArtefacts;
import org.effnas.report.FamilyPoint;
import org.effnas.report.GridPoint;
import org.effnas.report.Measurement;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;

/**
 * The engine's table writer: every row goes through {@link ResultTables}, the one schema of
 * {@code candidates.csv}, {@code grid.csv} and {@code family.csv}, whichever command ran.
 */
record ResultTableWriter(Path dir) implements ExperimentArtefacts {

    @Override
    public void writeCandidates(List<CandidateRow> rows) {
        write(() -> ResultTables.writeSearch(dir, rows.stream().map(r -> new SearchPoint(r.run(), r.index(),
                r.elapsedSeconds(), r.observation().reward().orElse(Double.NaN),
                Measurement.of(r.observation().result()))).toList()));
    }

    @Override
    public void writeGrid(List<GridEvaluation> rows) {
        write(() -> ResultTables.writeGrid(dir, rows.stream().map(r -> new GridPoint(r.row().coefficients().alpha(),
                r.row().coefficients().beta(), r.row().coefficients().gamma(), r.row().accuracy().mean(),
                r.row().accuracy().ciLow(), r.row().accuracy().ciHigh(), r.row().winner(),
                Measurement.of(r.observation().result()))).toList()));
    }

    @Override
    public void writeFamily(List<FamilyEvaluation> rows) {
        write(() -> ResultTables.writeFamily(dir, rows.stream().map(r -> new FamilyPoint(r.member().scaling().text(),
                r.member().phi(), r.member().name(), r.member().factors().width(), r.member().factors().depth(),
                r.member().spec().resolution(), Measurement.of(r.observation().result()).withCandidateId(r.qualifiedId())))
                .toList()));
    }

    @Override
    public Map<String, Map<Integer, Double>> earlierArrivals() {
        Map<String, Map<Integer, Double>> out = new HashMap<>();
        try {
            for (SearchPoint p : ResultTables.readSearch(dir)) {
                if (Double.isFinite(p.elapsedSeconds())) {
                    out.computeIfAbsent(p.run(), k -> new HashMap<>()).put(p.index(), p.elapsedSeconds());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(ResultTables.CANDIDATES) + ": " + e.getMessage(), e);
        }
        return out;
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a result table in " + dir + ": " + e.getMessage(), e);
        }
    }
}
