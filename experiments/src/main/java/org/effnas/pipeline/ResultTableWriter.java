package org.effnas.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import org.effnas.eval.EvalJson;
import org.effnas.eval.Fidelity;
import org.effnas.experiment.ExperimentArtefacts;
import org.effnas.experiment.PhaseKind;
import org.effnas.report.RungPoint;
import org.effnas.report.RungTable;
import org.effnas.search.Observation;
import org.effnas.trust.RankAgreement;
import org.effnas.trust.RungTrust;
import org.effnas.report.FamilyPoint;
import org.effnas.report.FinalPoint;
import org.effnas.worker.export.OnnxExport;
import org.effnas.worker.train.ModelArchive;
import org.effnas.report.GridPoint;
import org.effnas.report.Measurement;
import org.effnas.report.ResultTables;
import org.effnas.report.SearchPoint;

/**
 * The engine's table writer: every row goes through {@link ResultTables}, the one schema of
 * {@code candidates.csv}, {@code grid.csv}, {@code family.csv} and {@code final.csv}, whichever command ran; under a
 * scheduler with rungs also {@code rungs.csv} ({@link RungTable}) and {@code trust.json}.
 */
record ResultTableWriter(Path dir) implements ExperimentArtefacts {

    /** The trust figures of a multi-fidelity run, by phase. */
    static final String TRUST = "trust.json";

    @Override
    public void writeCandidates(List<CandidateRow> rows) {
        write(() -> ResultTables.writeSearch(dir, rows.stream().map(r -> new SearchPoint(r.run(), r.index(),
                r.elapsedSeconds(), r.observation().reward().orElse(Double.NaN),
                Measurement.of(r.observation().result()))).toList()));
    }

    @Override
    public void writeGrid(List<GridEvaluation> rows) {
        write(() -> ResultTables.writeGrid(dir, rows.stream().map(r -> new GridPoint(r.row().coefficients().alpha(),
                r.row().coefficients().beta(), r.row().coefficients().gamma(), r.observation().rung(),
                r.observation().candidate().fidelity() == null ? 0 : r.observation().candidate().fidelity().steps(),
                r.row().accuracy().mean(),
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

    /**
     * {@code final.csv}: one row per member, with the steps and checkpoint its training's
     * {@code final/<member>/metrics.json} records; members that are one network share its folder.
     */
    @Override
    public void writeFinal(List<FinalEvaluation> rows) {
        Map<String, String> folder = new HashMap<>();
        List<FinalPoint> points = new ArrayList<>();
        for (FinalEvaluation r : rows) {
            String model = folder.computeIfAbsent(r.observation().candidate().specKey(),
                    k -> FinalTraining.DIR + "/" + r.member().name());
            JsonNode metrics = readMetrics(dir.resolve(model).resolve(ModelArchive.METRICS));
            points.add(new FinalPoint(r.member().name(), r.member().source(), r.member().minivalTop1(),
                    metrics.path("test_images").asInt(0), metrics.path("steps").asLong(0),
                    metrics.path("from_steps").asLong(0), metrics.path("continued_from").asText(""), model,
                    Files.isRegularFile(dir.resolve(model).resolve(OnnxExport.FILE)),
                    Measurement.of(r.observation().result()).withCandidateId(r.qualifiedId())));
        }
        write(() -> ResultTables.writeFinal(dir, points));
    }

    /** A final model's metrics; an empty object when its folder is gone (the journal still has its result). */
    private static JsonNode readMetrics(Path file) {
        try {
            return Files.isRegularFile(file) ? EvalJson.MAPPER.readTree(Files.readString(file))
                    : EvalJson.MAPPER.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code rungs.csv}, and {@code trust.json}: per phase, Kendall tau between consecutive rungs among
     * the candidates that reached both (bootstrap 95% interval) and RungTrust's plain sentence.
     */
    @Override
    public void writeRungs(List<RungRow> rows) {
        write(() -> RungTable.write(dir, rows.stream().map(r -> {
            Observation o = r.observation();
            Fidelity f = o.candidate().fidelity();
            return new RungPoint(r.phase().text(), f.baseId(), f.rung(), f.steps(), f.fromSteps(),
                    o.result().ok() ? o.accuracy() : Double.NaN, o.result().wallSeconds(), o.candidate().specKey());
        }).toList()));
        ObjectNode trust = EvalJson.MAPPER.createObjectNode();
        Map<PhaseKind, List<Observation>> byPhase = new EnumMap<>(PhaseKind.class);
        rows.forEach(r -> byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r.observation()));
        byPhase.forEach((phase, obs) -> {
            // a grid's candidates are its triples' seeds: its rankings are of triples, by their mean over seeds
            RungTrust t = phase == PhaseKind.GRID ? RungTrust.byArchitecture(obs) : RungTrust.of(obs);
            ObjectNode n = trust.putObject(phase.text());
            ArrayNode pairs = n.putArray("consecutive");
            for (RankAgreement a : t.consecutive()) {
                pairs.addObject().put("from_rung", a.fromRung()).put("to_rung", a.toRung())
                        .put("candidates", a.common()).put("kendall_tau", a.kendall().estimate())
                        .put("kendall_low", a.kendall().low()).put("kendall_high", a.kendall().high());
            }
            if (t.noise().known()) {
                n.put("noise_sd", t.noise().standardDeviation());
            }
            n.put("sentence", t.sentence());
        });
        write(() -> Files.writeString(dir.resolve(TRUST), trust.toPrettyString() + "\n"));
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
