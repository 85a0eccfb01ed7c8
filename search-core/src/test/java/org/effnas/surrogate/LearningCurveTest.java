package org.effnas.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.effnas.cost.CostModel;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.effnas.eval.TrainingSettings;
import org.effnas.scaling.CompoundScaling;
import org.effnas.search.Seeds;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;

class LearningCurveTest {

    static final SearchSpace SPACE = SearchSpaces.builtin("mnasnet-small");
    static final ArchSpec BASE = SpaceReference.of(SPACE);
    static final SurrogateEvaluator SURROGATE = SurrogateEvaluator.of(BASE);

    @Test
    void accuracyRisesWithStepsTowardsTheFullyTrainedValue() {
        LearningCurve curve = SURROGATE.curve();
        double previous = curve.accuracy(BASE, 0);
        assertEquals(0.1, previous, 1e-12, "chance before any step");
        for (long t : new long[] {10, 30, 90, 270, 800, 100_000}) {
            double a = curve.accuracy(BASE, t);
            assertTrue(a > previous, t + " steps: " + a);
            previous = a;
        }
        assertEquals(SURROGATE.model().accuracy(BASE), curve.accuracy(BASE, 10_000_000), 1e-4);
    }

    @Test
    void aDeeperNetIsBehindAfterAFewStepsAndAheadAfterMany() {
        ArchSpec deeper = CompoundScaling.scale(BASE, 1, 2.5, BASE.resolution());
        LearningCurve curve = SURROGATE.curve();
        assertTrue(curve.halfwaySteps(deeper) > curve.halfwaySteps(BASE));
        assertTrue(curve.accuracy(deeper, 30) < curve.accuracy(BASE, 30));
        assertTrue(curve.accuracy(deeper, 3000) > curve.accuracy(BASE, 3000));
    }

    @Test
    void rankingsOfRandomArchitecturesCrossBetweenShortAndLongRungs() {
        RandomGenerator rng = Seeds.generator(5, "curve-test");
        List<Double> at30 = new ArrayList<>();
        List<Double> at800 = new ArrayList<>();
        TrainingSettings t = TrainingSettings.defaults().withSteps(800);
        for (int i = 0; i < 60; i++) {
            ArchSpec s = SPACE.decode(SPACE.random(rng));
            String id = "c" + i;
            at30.add(score(Candidate.of(id, s, t, 1, Fidelity.start(id, 0, 0, 30))));
            at800.add(score(Candidate.of(id, s, t, 1, Fidelity.start(id, 0, 0, 800))));
        }
        double tau = new KendallsCorrelation().correlation(unbox(at30), unbox(at800));
        assertTrue(tau > 0.1 && tau < 0.7, "a short rung ranks like the long one, imperfectly: tau " + tau);
    }

    @Test
    void aRungIsLabelledSurrogateAndCostsOnlyItsOwnSteps() {
        TrainingSettings t = TrainingSettings.defaults().withSteps(800);
        Candidate first = Candidate.of("c1@r0", BASE, t, 1, Fidelity.start("c1", 0, 0, 100));
        EvalResult r = SURROGATE.evaluate(first, "w");
        assertEquals(SurrogateEvaluator.KIND, r.provenance().evaluator());
        SurrogateEvaluator slow = SURROGATE.withDuration(SimulatedDuration.proportionalToMacs(0.08));
        Candidate promoted = Candidate.of("c1@r1", BASE, t, 1, Fidelity.promotion("c1", 0, 0, 100, 1, 300));
        EvalResult p = slow.evaluate(promoted, "w");
        // The simulated time is exact; the measured wall time can only be longer (a loaded machine adds to it).
        assertEquals(0.02, slow.simulatedSeconds(promoted, CostModel.of(BASE)), 1e-12, "200 of 800 steps of 0.08 s");
        assertTrue(p.wallSeconds() >= 0.02, "slept the rung's 0.02 s: " + p.wallSeconds());
    }

    private static double score(Candidate c) {
        return SURROGATE.evaluate(c, "t").top1();
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
