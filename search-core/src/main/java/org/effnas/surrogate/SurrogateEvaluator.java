package org.effnas.surrogate;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import org.effnas.InvalidInputException;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.spec.ArchSpec;
import org.effnas.version.CodeVersion;

/**
 * A SURROGATE evaluator: no network is trained. Params and MACs are exact (the cost model); accuracy
 * comes from the analytic {@link SurrogateModel} plus a deterministic noise term that depends on the
 * spec and the candidate seed; latency is a simple analytic estimate. Every result says so:
 * provenance evaluator {@code surrogate}, worker id {@code surrogate/<worker>}. It exists to exercise
 * searches, grids, the scheduler and the cluster fast and reproducibly.
 *
 * <p>A candidate with a rung ({@link org.effnas.eval.Fidelity}) is scored on the {@link LearningCurve}
 * at that rung's steps, with noise that is half shared by every rung of the candidate and half drawn
 * per rung, and a simulated duration proportional to the steps this rung adds (continued training).
 * A candidate without a rung is scored as fully trained, as before.
 */
public final class SurrogateEvaluator implements BlockingEvaluator {

    /** The evaluator kind recorded in provenance. */
    public static final String KIND = "surrogate";
    /** Version of the accuracy model; part of the dataset id so caches never mix model versions. */
    public static final int MODEL_VERSION = 1;
    public static final double DEFAULT_NOISE = 0.002;

    private final SurrogateModel model;
    private final LearningCurve curve;
    private final long referenceMacs;
    private final double noise;
    private final double failureRate;
    private final SimulatedDuration duration;

    private SurrogateEvaluator(SurrogateModel model, long referenceMacs, double noise, double failureRate,
                               SimulatedDuration duration) {
        if (!(noise >= 0 && noise < 0.5)) {
            throw new InvalidInputException("surrogate noise: must be in [0, 0.5), got " + noise);
        }
        if (!(failureRate >= 0 && failureRate < 1)) {
            throw new InvalidInputException("surrogate failure rate: must be in [0, 1), got " + failureRate);
        }
        this.model = model;
        this.curve = new LearningCurve(model);
        this.referenceMacs = referenceMacs;
        this.noise = noise;
        this.failureRate = failureRate;
        this.duration = duration;
    }

    /** A surrogate calibrated to a reference architecture, default noise, no failures, no sleeping. */
    public static SurrogateEvaluator of(ArchSpec reference) {
        return new SurrogateEvaluator(SurrogateModel.calibratedTo(reference), CostModel.of(reference).macs(),
                DEFAULT_NOISE, 0, SimulatedDuration.none());
    }

    public SurrogateEvaluator withNoise(double sigma) {
        return new SurrogateEvaluator(model, referenceMacs, sigma, failureRate, duration);
    }

    /** Makes a deterministic fraction of candidates fail (by hash of spec and seed), to exercise failure paths. */
    public SurrogateEvaluator withFailureRate(double rate) {
        return new SurrogateEvaluator(model, referenceMacs, noise, rate, duration);
    }

    public SurrogateEvaluator withDuration(SimulatedDuration d) {
        return new SurrogateEvaluator(model, referenceMacs, noise, failureRate, d);
    }

    public SurrogateModel model() {
        return model;
    }

    /** The accuracy-against-steps model rung evaluations are scored on. */
    public LearningCurve curve() {
        return curve;
    }

    /**
     * What stands for the dataset in provenance and cache keys: the model version, the reference and
     * the noise level, e.g. {@code surrogate-v1(ref=3fa2c0d19b7e,noise=0.002)}.
     */
    public String datasetId() {
        long ref = UUID.nameUUIDFromBytes(model.referenceKey().getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        String refHash = HexFormat.of().toHexDigits(ref).substring(0, 12);
        return "surrogate-v" + MODEL_VERSION + "(ref=" + refHash + ",noise=" + noise
                + (failureRate > 0 ? ",failures=" + failureRate : "") + ")";
    }

    /** The simulated training time of {@code c}: a rung costs only the steps it adds (continued training). */
    double simulatedSeconds(Candidate c, Cost cost) {
        double sleep = duration.secondsFor(c.specKey(), c.seed(), cost.macs(), referenceMacs);
        if (c.fidelity() != null && c.training().steps() > 0) {
            sleep *= (double) c.fidelity().incrementalSteps() / c.training().steps();
        }
        return sleep;
    }

    @Override
    public EvalResult evaluate(Candidate c, String workerId) {
        long t0 = System.nanoTime();
        String who = "surrogate/" + workerId;
        String key = c.specKey();
        Provenance prov = Provenance.of(KIND, c.seed(), c.training(), datasetId(), "", CodeVersion.current());
        Cost cost = CostModel.of(c.spec());
        double sleep = simulatedSeconds(c, cost);
        if (sleep > 0) {
            try {
                Thread.sleep((long) (sleep * 1000), (int) ((sleep * 1e9) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EvalResult.failed(c, "interrupted", elapsed(t0), who, prov);
            }
        }
        if (failureRate > 0 && SimulatedDuration.unit(key + "#failure#" + c.seed()) < failureRate) {
            return EvalResult.failed(c, "simulated failure (surrogate failure rate " + failureRate + ")",
                    elapsed(t0), who, prov);
        }
        SplittableRandom rng = new SplittableRandom(
                UUID.nameUUIDFromBytes((key + "#noise#" + c.seed()).getBytes(StandardCharsets.UTF_8))
                        .getLeastSignificantBits());
        double acc;
        if (c.fidelity() == null) {
            acc = model.accuracy(c.spec()) + noise * rng.nextGaussian();
        } else {
            double perRung = LearningCurve.gaussian(key + "#noise#" + c.seed() + "#steps#" + c.fidelity().steps());
            acc = curve.accuracy(c.spec(), c.fidelity().steps())
                    + noise * Math.sqrt(0.5) * (rng.nextGaussian() + perRung);
        }
        acc = Math.max(0, Math.min(1, acc));
        return new EvalResult(c.id(), key, acc, Double.NaN, Double.NaN, cost.params(), cost.macs(),
                latencyMs(cost), Double.NaN, elapsed(t0), who, null, prov);
    }

    /** The surrogate's latency estimate of a spec, in milliseconds (the default latency target). */
    public static double latencyOf(ArchSpec spec) {
        return latencyMs(CostModel.of(spec));
    }

    /**
     * A made-up but plausible latency for a phone-class CPU: 4 million multiply-adds per millisecond,
     * plus a memory term per activation element and a fixed cost per layer (so that, as MnasNet
     * observed, latency is not simply proportional to MACs).
     */
    static double latencyMs(Cost cost) {
        return cost.macs() / 4e6 + cost.activations() * 1e-6 + cost.layers().size() * 0.02;
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
