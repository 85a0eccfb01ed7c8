package org.effnas.cluster.bench;

import java.time.Duration;
import java.util.Set;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.version.CodeVersion;

/**
 * A synthetic evaluator for benchmarks and failure tests: sleeps a fixed time, then returns an
 * accuracy derived from the candidate's seed (deterministic), or a failure for the candidate ids it
 * was told to fail. Its provenance kind is {@code synthetic}: never mistaken for a trained network.
 */
public final class SleepingEvaluator implements BlockingEvaluator {

    public static final String KIND = "synthetic";

    private final Duration sleep;
    private final Set<String> failing;

    private SleepingEvaluator(Duration sleep, Set<String> failing) {
        this.sleep = sleep;
        this.failing = Set.copyOf(failing);
    }

    /** Sleeps {@code sleep} per evaluation and fails every attempt of the candidates in {@code failing}. */
    public static SleepingEvaluator of(Duration sleep, Set<String> failing) {
        return new SleepingEvaluator(sleep, failing);
    }

    @Override
    public EvalResult evaluate(Candidate c, String workerId) {
        long t0 = System.nanoTime();
        try {
            Thread.sleep(sleep.toMillis(), sleep.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Provenance p = new Provenance(KIND, c.seed(), c.training(), "synthetic", "", CodeVersion.current());
        if (failing.contains(c.id())) {
            return EvalResult.failed(c, "diverged: loss is NaN (synthetic failure)", wall, workerId, p);
        }
        double top1 = accuracy(c.seed());
        // the spec's true cost: the coordinator recomputes it and rejects a result that claims another
        Cost cost = CostModel.of(c.spec());
        return new EvalResult(c.id(), c.specKey(), top1, Math.min(1, top1 + 0.1), 1 - top1, cost.params(), cost.macs(),
                Double.NaN, Double.NaN, wall, workerId, null, p);
    }

    /** The accuracy reported for a seed: in [0.5, 0.9), the same for the same seed. */
    public static double accuracy(long seed) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        return 0.5 + 0.4 * ((h >>> 11) * 0x1.0p-53);
    }
}
