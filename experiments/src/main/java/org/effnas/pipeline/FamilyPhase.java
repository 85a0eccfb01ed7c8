package org.effnas.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.config.FamilyConfig;
import org.effnas.eval.Evaluator;
import org.effnas.eval.TrainingSettings;
import org.effnas.family.ScaledFamily;
import org.effnas.grid.CoefficientGrid;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.report.FamilyPoint;
import org.effnas.report.Measurement;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingFactors;
import org.effnas.search.FixedCandidates;
import org.effnas.search.Observation;
import org.effnas.search.Proposal;
import org.effnas.search.ProgressListener;
import org.effnas.search.RunSettings;
import org.effnas.search.SearchBudget;
import org.effnas.spec.ArchSpec;

/**
 * Step 2 of compound scaling inside a run: the search winner scaled by the grid's winning
 * coefficients at phi = phi_min..phi_max (search-core's {@link ScaledFamily}: members B0, B1, ...)
 * and, when asked, by depth, width or resolution alone to the same nominal FLOPs 2^phi (D2, W2, R2,
 * ...), for the report's comparison. A model already evaluated (B0 in the search, B1 and the phi = 1
 * single-dimension models in the grid) is not trained again: its earlier evaluations are reused.
 */
final class FamilyPhase {

    /** One scaled model to show: how it was scaled, its spec and the evaluations that measured it. */
    private record Planned(String scaling, String name, int phi, ScalingFactors factors, ArchSpec spec) {
    }

    private FamilyPhase() {
    }

    /**
     * @param known evaluations made earlier, keyed by the phase that made them ({@code search}, {@code grid})
     */
    static List<FamilyPoint> run(FamilyConfig f, ArchSpec base, CompoundCoefficients winner,
                                 Map<String, List<Observation>> known,
                                 int seeds, Evaluator shared, ExperimentDirectory dir, ObjectNode identity,
                                 TrainingSettings training, long seed, boolean resume, ProgressListener listener)
            throws IOException {
        int divisor = GridPhase.resolutionDivisor(base);
        List<Planned> plan = new ArrayList<>();
        for (ScaledFamily.Member m : ScaledFamily.of("B", base, winner, f.phiMax(), divisor).members()) {
            if (m.phi() >= f.phiMin()) {
                plan.add(new Planned(FamilyPoint.COMPOUND, "B" + (int) m.phi(), (int) m.phi(), m.factors(), m.spec()));
            }
        }
        if (f.singleDimension()) {
            for (int phi = Math.max(1, f.phiMin()); phi <= Math.min(f.phiMax(), f.singleDimensionPhiMax()); phi++) {
                double r = Math.pow(CoefficientGrid.TARGET_RATIO, phi);
                single(plan, "depth", "D", phi, ScalingFactors.of(1, r, 1), base, divisor);
                single(plan, "width", "W", phi, ScalingFactors.of(Math.sqrt(r), 1, 1), base, divisor);
                single(plan, "resolution", "R", phi, ScalingFactors.of(1, 1, Math.sqrt(r)), base, divisor);
            }
        }
        // every evaluation of a spec, with its id qualified by the phase (journal) that holds it
        Map<String, List<Measurement>> bySpec = new LinkedHashMap<>();
        known.forEach((phase, list) -> list.forEach(o -> bySpec.computeIfAbsent(o.candidate().specKey(),
                k -> new ArrayList<>()).add(Measurement.of(o.result()).withCandidateId(phase + "/" + o.candidate().id()))));
        List<ArchSpec> toTrain = plan.stream().map(Planned::spec)
                .filter(s -> !bySpec.containsKey(BlockStrings.canonical(s))).toList();
        if (!toTrain.isEmpty()) {
            List<Proposal> proposals = Proposal.replicated(toTrain, seeds);
            ObjectNode config = identity.deepCopy();
            config.put("family_base", BlockStrings.canonical(base));
            config.put("family_alpha", winner.alpha());
            config.put("family_beta", winner.beta());
            config.put("family_gamma", winner.gamma());
            RunSettings settings = RunSettings.of(training, seed, GridPhase.accuracyOnly(base),
                    SearchBudget.evaluations(proposals.size()));
            PhaseRun.Result run = PhaseRun.run("family", FixedCandidates.of("family", proposals), shared,
                    dir.familyJournal(), config, settings, resume, listener, Map.of());
            run.outcome().observations().forEach(o -> bySpec.computeIfAbsent(o.candidate().specKey(),
                    k -> new ArrayList<>()).add(Measurement.of(o.result()).withCandidateId("family/" + o.candidate().id())));
        }
        Files.createDirectories(dir.family());
        List<FamilyPoint> points = new ArrayList<>();
        for (Planned p : plan) {
            Files.writeString(dir.family().resolve(p.name() + ".yaml"), "# " + p.name() + ": " + p.scaling()
                    + " scaling, phi " + p.phi() + ", width x" + BlockStrings.number(p.factors().width()) + ", depth x"
                    + BlockStrings.number(p.factors().depth()) + ", resolution " + p.spec().resolution() + "\n"
                    + SpecFiles.toYaml(p.spec()));
            for (Measurement m : bySpec.getOrDefault(BlockStrings.canonical(p.spec()), List.of())) {
                points.add(new FamilyPoint(p.scaling(), p.phi(), p.name(), p.factors().width(), p.factors().depth(),
                        p.spec().resolution(), m));
            }
        }
        return points;
    }

    private static void single(List<Planned> plan, String scaling, String prefix, int phi, ScalingFactors factors,
                               ArchSpec base, int divisor) {
        plan.add(new Planned(scaling, prefix + phi, phi, factors, CompoundScaling.scale(base, factors, divisor)));
    }
}
