package org.effnas.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.effnas.cost.CostModel;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.TrainingSettings;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundScaling;
import org.effnas.scaling.ScalingFactors;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SurrogateEvaluatorTest {

    static Stream<String> architectures() {
        return Architectures.names().stream();
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void everyBuiltInGetsAnExactCostAndALabelledDeterministicResult(String name) {
        ArchSpec spec = Architectures.get(name);
        SurrogateEvaluator s = SurrogateEvaluator.of(spec);
        Candidate c = Candidate.of("c1", spec, TrainingSettings.defaults(), 3);
        EvalResult r = s.evaluate(c, "local-0");
        assertTrue(r.ok());
        assertTrue(r.top1() > 1.0 / spec.classes() + 0.5 && r.top1() < 1, "calibrated to itself, well above chance: " + r);
        assertEquals(CostModel.of(spec).macs(), r.macs());
        assertEquals(CostModel.of(spec).params(), r.params());
        assertEquals("surrogate", r.provenance().evaluator());
        assertEquals(SurrogateEvaluator.KIND, r.provenance().evaluator());
        assertEquals("surrogate/local-0", r.workerId());
        assertTrue(r.latencyMs() > 0);
        assertEquals(r.top1(), s.evaluate(c, "local-1").top1(), "deterministic for a spec and seed");
        assertNotEquals(r.top1(), s.evaluate(Candidate.of("c1", spec, TrainingSettings.defaults(), 4), "w").top1(),
                "the noise depends on the seed");
    }

    @Test
    void eachSingleDimensionHelpsWithDiminishingReturns() {
        ArchSpec base = Architectures.get("effnas-mini");
        SurrogateModel m = SurrogateModel.calibratedTo(base);
        for (String dim : new String[] {"depth", "width", "resolution"}) {
            double previous = m.accuracy(base);
            double previousGain = Double.POSITIVE_INFINITY;
            for (int step = 1; step <= 4; step++) {
                double f = Math.pow(2, step);
                ArchSpec scaled = switch (dim) {
                    case "depth" -> CompoundScaling.scale(base, 1, f, base.resolution());
                    case "width" -> CompoundScaling.scale(base, Math.sqrt(f), 1, base.resolution());
                    default -> CompoundScaling.scale(base, ScalingFactors.of(1, 1, Math.sqrt(f)), 1);
                };
                double acc = m.accuracy(scaled);
                double gain = acc - previous;
                assertTrue(gain > 0, dim + " x" + f + " must still help");
                assertTrue(gain < previousGain, dim + " gains must shrink (Observation 1)");
                previous = acc;
                previousGain = gain;
            }
        }
    }

    @Test
    void balancedScalingBeatsAnySingleDimensionAtTheSameFlops() {
        ArchSpec base = Architectures.get("efficientnet-b0");
        SurrogateModel m = SurrogateModel.calibratedTo(base);
        double compound = m.accuracy(CompoundScaling.scale(base, ScalingFactors.of(1.1, 1.2, 1.15), 4));
        assertTrue(compound > m.accuracy(CompoundScaling.scale(base, ScalingFactors.of(1, 2, 1), 4)));
        assertTrue(compound > m.accuracy(CompoundScaling.scale(base, ScalingFactors.of(Math.sqrt(2), 1, 1), 4)));
        assertTrue(compound > m.accuracy(CompoundScaling.scale(base, ScalingFactors.of(1, 1, Math.sqrt(2)), 4)));
    }

    @Test
    void blockChoicesMatterInTheSearchSpace() {
        var space = SearchSpaces.builtin("mnasnet-small");
        ArchSpec reference = SpaceReference.of(space);
        SurrogateModel m = SurrogateModel.calibratedTo(reference);
        assertEquals(m.accuracy(reference), m.accuracy(reference), 0);
        var g = space.random(new java.util.SplittableRandom(1));
        double a = m.accuracy(space.decode(g));
        double b = m.accuracy(space.decode(g.with(0, (g.gene(0) + 1) % space.geneBounds()[0])));
        assertNotEquals(a, b, "changing one block's op changes the accuracy");
    }

    @Test
    void failureRateAndDurationsAreDeterministicAndSpread() {
        ArchSpec base = Architectures.get("effnas-mini");
        SurrogateEvaluator s = SurrogateEvaluator.of(base).withFailureRate(0.3);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            EvalResult r = s.evaluate(Candidate.of("c" + i, base, TrainingSettings.defaults(), i), "w");
            failed += r.ok() ? 0 : 1;
            assertEquals(r.ok(), s.evaluate(Candidate.of("c" + i, base, TrainingSettings.defaults(), i), "w").ok());
        }
        assertTrue(failed > 30 && failed < 90, "about 30% fail, got " + failed);
        SimulatedDuration d = SimulatedDuration.logUniform(0.005, 0.05);
        double min = 1;
        double max = 0;
        for (int i = 0; i < 200; i++) {
            double t = d.secondsFor("spec" + i, 1, 1, 1);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        assertTrue(min >= 0.005 && max <= 0.05 && max / min > 7, min + " .. " + max);
        assertEquals(0.2, SimulatedDuration.proportionalToMacs(0.1).secondsFor("x", 1, 200, 100), 1e-12);
        assertFalse(SurrogateEvaluator.of(base).datasetId().equals(SurrogateEvaluator.of(Architectures.get("efficientnet-b0")).datasetId()));
    }
}
