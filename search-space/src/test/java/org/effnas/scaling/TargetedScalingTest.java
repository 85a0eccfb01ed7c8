package org.effnas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.effnas.InvalidInputException;
import org.effnas.cost.CostModel;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Block;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;

class TargetedScalingTest {

    /** Official B0 rules: EfficientNet-B0 at 224 px, α=1.2 β=1.1 γ=1.15, resolution to multiples of 4. */
    private static final TargetedScaling B0 = TargetedScaling.of(Architectures.efficientNetB0(),
            CompoundCoefficients.EFFICIENTNET, 4);

    @Test
    void reachesEachTargetFrom100MTo10GWithinTenPercentBelowAndNeverAbove() {
        long[] targets = {100_000_000L, 200_000_000L, 400_000_000L, 700_000_000L, 1_000_000_000L,
                2_000_000_000L, 4_000_000_000L, 10_000_000_000L};
        for (long target : targets) {
            TargetedScaling.Member m = B0.solve(target);
            System.out.printf("target %,d: phi %.4f, %d px, achieved %,d (%.3f), next step %,d (+%.1f%%)%n", target,
                    m.phi(), m.spec().resolution(), m.macs(), m.achievedRatio(), m.nextMacs(), 100 * m.stepSize());
            assertTrue(m.macs() <= target, "never above the target: " + m.macs() + " > " + target);
            assertTrue(m.macs() >= 0.9 * target, "within 10% below " + target + ": " + m.macs());
            // as close as rounding allows: the next step up is above the target
            assertTrue(m.nextMacs() > target, "next step " + m.nextMacs() + " still fits " + target);
            assertEquals(m.macs(), CostModel.of(B0.at(m.phi())).macs());
            // the rounding step at the solution is what bounds the gap: target < macs * (1 + step)
            assertTrue(target < m.macs() * (1 + m.stepSize()) + 1, "gap larger than the step at " + target);
        }
    }

    @Test
    void phiIsNegativeBelowTheBaseAndPositiveAbove() {
        long b0 = CostModel.of(Architectures.efficientNetB0()).macs();
        assertTrue(B0.solve(b0 / 3).phi() < 0);
        assertTrue(B0.solve(b0 * 3).phi() > 0);
        TargetedScaling.Member same = B0.solve(b0);
        assertEquals(b0, same.macs(), "the base itself is the member at its own cost");
    }

    @Test
    void negativePhiRespectsTheFloors() {
        ArchSpec smallest = B0.at(-30);
        assertEquals(32, B0.minimumResolution(), "B0 strides 2^5: 32 px is the smallest");
        assertEquals(32, smallest.resolution());
        for (Stage s : smallest.stages()) {
            assertTrue(s.repeats() >= 1);
        }
        assertEquals(Architectures.efficientNetB0().stages().size(), smallest.stages().size());
        for (Block b : smallest.blocks()) {
            assertTrue(b.outputFilters() >= 8 && b.expandedFilters() >= 8, "block " + b.index());
        }
        assertTrue(smallest.stem().filters() >= 8 && smallest.head().filters() >= 8);
        long floorMacs = CostModel.of(smallest).macs();
        TargetedScaling.Member tiny = B0.solve(floorMacs);
        assertTrue(tiny.macs() <= floorMacs);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> B0.solve(floorMacs - 1));
        assertTrue(e.getMessage().contains("below the smallest member"), e.getMessage());
    }

    /**
     * A measured cost that is exactly the MACs (in millions) must give the same member as the MACs
     * solver, each distinct network measured once, the next step measured above the target; a target
     * the cap fits gets the cap member.
     */
    @Test
    void solvingByAMeasuredCostAgreesWithTheCountedOne() {
        java.util.Map<String, Integer> calls = new java.util.HashMap<>();
        java.util.function.ToDoubleFunction<ArchSpec> millions = spec -> {
            calls.merge(org.effnas.notation.BlockStrings.canonical(spec), 1, Integer::sum);
            return CostModel.of(spec).macs() / 1e6;
        };
        for (long target : new long[] {60_000_000L, 400_000_000L, 2_000_000_000L}) {
            calls.clear();
            TargetedScaling.Member counted = B0.solve(target);
            TargetedScaling.Measured m = B0.solveMeasured(target / 1e6, millions, 30, "--target");
            assertEquals(counted.macs(), CostModel.of(m.spec()).macs(), "target " + target);
            assertTrue(m.cost() <= target / 1e6 && m.nextCost() > target / 1e6, m.toString());
            assertEquals(m.nextCost(), CostModel.of(m.next()).macs() / 1e6, 1e-9);
            assertTrue(calls.values().stream().allMatch(n -> n == 1), "each network measured once: " + calls.values());
            assertEquals(calls.size(), m.measured());
        }
        TargetedScaling.Measured capped = B0.solveMeasured(1e9, millions, 1, "--target");
        assertTrue(capped.atCap() && capped.phi() == 1, capped.toString());
        assertThrows(InvalidInputException.class, () -> B0.solveMeasured(1e-3, millions, 8, "--target"));
    }
}
