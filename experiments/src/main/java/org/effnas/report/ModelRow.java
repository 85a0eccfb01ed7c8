package org.effnas.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.effnas.report.statistics.AccuracyInterval;

/**
 * One scaled model (a family member or a single-dimension comparison) with all its seeds folded
 * into one row: mean accuracy with its interval and seed count, cost and latency.
 *
 * @param latencyMs median of the seeds' latencies; NaN when not measured
 * @param failed    evaluations of the model that failed
 * @param onnx      the member's saved {@code family/<name>/model.onnx} relative to the experiment
 *                  directory; empty when none was saved
 */
public record ModelRow(String scaling, String name, double phi, double width, double depth, int resolution,
                       long macs, long params, double latencyMs, AccuracyInterval accuracy, int failed, String onnx) {

    /** The family rows folded per model, in the order the models first appear. */
    public static List<ModelRow> of(List<FamilyPoint> points, int evalImages) {
        Map<String, List<FamilyPoint>> byModel = points.stream().collect(
                Collectors.groupingBy(p -> p.scaling() + "/" + p.name(), LinkedHashMap::new, Collectors.toList()));
        List<ModelRow> out = new ArrayList<>();
        for (List<FamilyPoint> rows : byModel.values()) {
            FamilyPoint f = rows.get(0);
            List<FamilyPoint> ok = rows.stream().filter(p -> p.m().ok()).toList();
            double latency = new Median().evaluate(
                    ok.stream().mapToDouble(p -> p.m().latencyMs()).filter(Double::isFinite).toArray());
            long macs = ok.stream().mapToLong(p -> p.m().macs()).max().orElse(f.m().macs());
            long params = ok.stream().mapToLong(p -> p.m().params()).max().orElse(f.m().params());
            out.add(new ModelRow(f.scaling(), f.name(), f.phi(), f.width(), f.depth(), f.resolution(), macs, params,
                    latency, AccuracyInterval.of(ok.stream().map(p -> p.m().top1()).toList(), evalImages),
                    rows.size() - ok.size(), ""));
        }
        return out;
    }

    /** This row with its member's model.onnx when {@code dir} holds one (saved under a scheduler with rungs). */
    public ModelRow withOnnxIn(Path dir) {
        String file = "family/" + name + "/model.onnx";
        return Files.isRegularFile(dir.resolve(file)) ? new ModelRow(scaling, name, phi, width, depth, resolution,
                macs, params, latencyMs, accuracy, failed, file) : this;
    }

    public boolean compound() {
        return scaling.equals(FamilyPoint.COMPOUND);
    }
}
