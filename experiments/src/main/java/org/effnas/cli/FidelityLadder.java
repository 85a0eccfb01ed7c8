package org.effnas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.effnas.report.chart.RungLadderChart;
import org.effnas.search.Observation;
import org.effnas.trust.FidelityStudy;

/**
 * The chart of a fidelity study: every architecture's minival top-1 at each rung against its steps,
 * the report's rung-ladder chart with every line promoted (the study trains each architecture through
 * every rung), so where lines cross is where a shorter proxy would have ranked them differently.
 */
final class FidelityLadder {

    static final String NAME = "rung-ladder-fidelity";

    private FidelityLadder() {
    }

    static RungLadderChart of(FidelityStudy study, boolean surrogate) {
        Map<String, List<RungLadderChart.Point>> byArchitecture = new LinkedHashMap<>();
        Observation bestAtTop = null;
        int top = study.outcome().observations().stream().filter(o -> o.result().ok()).mapToInt(Observation::rung)
                .max().orElse(0);
        for (Observation o : study.outcome().observations()) {
            if (!o.result().ok() || o.candidate().fidelity() == null) {
                continue;
            }
            byArchitecture.computeIfAbsent(o.candidate().fidelity().baseId(), k -> new ArrayList<>())
                    .add(new RungLadderChart.Point(o.rung(), o.candidate().fidelity().steps(), o.accuracy()));
            if (o.rung() == top && (bestAtTop == null || o.accuracy() > bestAtTop.accuracy())) {
                bestAtTop = o;
            }
        }
        List<RungLadderChart.Line> lines = new ArrayList<>();
        byArchitecture.forEach((id, points) -> lines.add(new RungLadderChart.Line(id, points.stream()
                .sorted(Comparator.comparingLong(RungLadderChart.Point::steps)).toList())));
        String title = (surrogate ? "SURROGATE " : "") + "Fidelity study: minival top-1 at each rung";
        String caption = "Minival top-1 of each of the " + lines.size() + " architectures after each rung's training "
                + "steps (log scale), every one trained through every rung, each rung continuing the last one's "
                + "checkpoint; where lines cross, a shorter proxy ranks the two differently. The best at the top rung "
                + "is drawn thick in vermilion. " + study.trust().sentence();
        return new RungLadderChart("fidelity", title, caption, lines,
                bestAtTop == null ? Set.of() : Set.of(bestAtTop.candidate().fidelity().baseId()));
    }

    /** Writes {@code rung-ladder-fidelity.png} and {@code .svg} into {@code out}. */
    static void write(RungLadderChart chart, Path out) {
        try {
            Files.write(out.resolve(NAME + ".png"), chart.png());
            Files.writeString(out.resolve(NAME + ".svg"), chart.svg());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(NAME + ".png") + ": " + e.getMessage(), e);
        }
    }
}
