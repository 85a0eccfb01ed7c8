package org.effnas.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.effnas.InvalidInputException;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;

/**
 * One evaluation as the report shows it: the metrics of an {@link EvalResult} and its full
 * provenance, flattened to text so that it travels through CSV files unchanged.
 *
 * @param training  the recipe in compact form ({@code epochs=1 subset=3000 batch=64 adam lr=0.002 ...})
 * @param latencyBy how {@code latencyMs} was measured (engine, threads, batch, runs, spread, CPU; the
 *                  provenance's {@code latency} facts), empty when it was not
 */
public record Measurement(String candidateId, String specKey, double top1, double top5, double loss,
                          long params, long macs, double latencyMs, double wallSeconds, String workerId,
                          String failure, String evaluator, long seed, String training, String dataset,
                          String dataChecksum, String codeVersion, String latencyBy) {

    public Measurement {
        latencyBy = latencyBy == null ? "" : latencyBy;
    }

    /** CSV columns, in order. */
    public static final List<String> COLUMNS = List.of("candidate", "top1", "top5", "loss", "params", "macs",
            "latency_ms", "wall_s", "worker", "failure", "evaluator", "seed", "training", "dataset",
            "data_sha256", "effnas_version", "latency_by", "spec");

    public static Measurement of(EvalResult r) {
        Provenance p = r.provenance();
        return new Measurement(r.candidateId(), r.specKey(), r.top1(), r.top5(), r.loss(), r.params(), r.macs(),
                r.latencyMs(), r.wallSeconds(), r.workerId(), r.failure(),
                p == null ? "unknown" : p.evaluator(), p == null ? 0 : p.seed(),
                p == null || p.training() == null ? "" : trainingText(p.training()),
                p == null ? "" : p.dataset(), p == null ? "" : p.dataChecksum(),
                p == null ? "" : p.codeVersion(), p == null ? "" : p.latency());
    }

    /** The same evaluation under another id, e.g. {@code grid/c000007} when shown outside its phase. */
    public Measurement withCandidateId(String id) {
        return new Measurement(id, specKey, top1, top5, loss, params, macs, latencyMs, wallSeconds, workerId, failure,
                evaluator, seed, training, dataset, dataChecksum, codeVersion, latencyBy);
    }

    public boolean ok() {
        return failure == null || failure.isEmpty();
    }

    /** Whether the number came from the analytic surrogate rather than from training a network. */
    public boolean surrogate() {
        return "surrogate".equalsIgnoreCase(evaluator);
    }

    public List<String> cells() {
        return List.of(candidateId, num(top1), num(top5), num(loss), Long.toString(params), Long.toString(macs),
                num(latencyMs), num(wallSeconds), nz(workerId), nz(failure), nz(evaluator), Long.toString(seed),
                nz(training), nz(dataset), nz(dataChecksum), nz(codeVersion), nz(latencyBy), nz(specKey));
    }

    /** Reads the columns of {@link #COLUMNS} from a CSV row; {@code where} names the file for errors. */
    public static Measurement fromRow(Map<String, String> row, String where) {
        return new Measurement(text(row, "candidate", where), text(row, "spec", where),
                decimal(row, "top1", where), decimal(row, "top5", where), decimal(row, "loss", where),
                whole(row, "params", where), whole(row, "macs", where), decimal(row, "latency_ms", where),
                decimal(row, "wall_s", where), text(row, "worker", where),
                row.getOrDefault("failure", "").isEmpty() ? null : row.get("failure"),
                text(row, "evaluator", where), whole(row, "seed", where), text(row, "training", where),
                text(row, "dataset", where), text(row, "data_sha256", where), text(row, "effnas_version", where),
                // absent in tables written before latency named how it was measured
                row.getOrDefault("latency_by", ""));
    }

    /** Compact one-line form of a training recipe. */
    public static String trainingText(TrainingSettings t) {
        List<String> parts = new ArrayList<>();
        parts.add(t.steps() > 0 ? "steps=" + t.steps() : "epochs=" + num(t.epochs()));
        parts.add("subset=" + (t.subset() == 0 ? "all" : Integer.toString(t.subset())));
        parts.add("batch=" + t.batchSize());
        parts.add(t.optimizer());
        parts.add("lr=" + num(t.learningRate()));
        parts.add(t.schedule());
        if (t.warmupEpochs() > 0) {
            parts.add("warmup=" + num(t.warmupEpochs()));
        }
        if (t.weightDecay() > 0) {
            parts.add("wd=" + num(t.weightDecay()));
        }
        if (t.labelSmoothing() > 0) {
            parts.add("ls=" + num(t.labelSmoothing()));
        }
        if (t.augment()) {
            parts.add("augment");
        }
        parts.add("minival=" + num(t.minivalFraction()));
        return String.join(" ", parts);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String text(Map<String, String> row, String key, String where) {
        String v = row.get(key);
        if (v == null) {
            throw new InvalidInputException(where + ": column '" + key + "' is missing; the file was not written by effnas or is corrupt");
        }
        return v;
    }

    static double decimal(Map<String, String> row, String key, String where) {
        String v = text(row, key, where);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException ex) {
            throw new InvalidInputException(where + ": column '" + key + "' holds '" + v + "', expected a number");
        }
    }

    static long whole(Map<String, String> row, String key, String where) {
        String v = text(row, key, where);
        try {
            return v.isEmpty() ? 0 : Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw new InvalidInputException(where + ": column '" + key + "' holds '" + v + "', expected a whole number");
        }
    }
}
