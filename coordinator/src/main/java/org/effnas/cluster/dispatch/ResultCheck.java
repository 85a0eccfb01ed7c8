package org.effnas.cluster.dispatch;

import org.effnas.cluster.trust.Bounded;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;

/**
 * Decides whether a result that came over the network can be trusted for the candidate and attempt
 * it claims to answer. Anything else (another candidate's id, a spec that is not the one sent, NaN
 * or out-of-range accuracy in a successful result, the wrong evaluator kind or seed) is garbage: the
 * coordinator logs it, rejects it and retries the candidate.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    /** As {@link #problem(ResultMessage, Candidate, int, String, RecipeFingerprint)} with a kind-only fingerprint. */
    static String problem(ResultMessage m, Candidate candidate, int attempt, String expectedKind) {
        return problem(m, candidate, attempt, expectedKind, RecipeFingerprint.ofKind(expectedKind, ""));
    }

    /**
     * Null when the message is a believable answer, else what is wrong with it (one line). Besides the
     * lease's candidate, attempt, spec, seed and recipe, the provenance must name the experiment's
     * dataset, checksum and code version when the fingerprint has them, and a success must carry the
     * MACs and parameters the cost model computes from the spec.
     */
    static String problem(ResultMessage m, Candidate candidate, int attempt, String expectedKind,
                          RecipeFingerprint fingerprint) {
        EvalResult r = m.result();
        if (r == null) {
            return "the message carries no result";
        }
        if (!candidate.id().equals(m.candidateId()) || !candidate.id().equals(r.candidateId())) {
            return "it answers candidate '" + r.candidateId() + "' but the lease is for " + candidate.id();
        }
        if (m.attempt() != attempt) {
            return "it answers attempt " + m.attempt() + " but the lease is for attempt " + attempt;
        }
        if (!candidate.specKey().equals(r.specKey())) {
            return "its spec key is not the spec that was sent";
        }
        if (m.workerId() == null || m.workerId().isBlank()) {
            return "it names no worker";
        }
        Provenance p = r.provenance();
        if (p == null) {
            return "it has no provenance";
        }
        if (!expectedKind.equals(p.evaluator())) {
            return "its evaluator is '" + p.evaluator() + "' but this experiment runs '" + expectedKind + "'";
        }
        if (p.seed() != candidate.seed() || !candidate.training().equals(p.training())) {
            return "its provenance names another seed or training recipe than the one sent";
        }
        String recipe = provenanceProblem(p, fingerprint);
        if (recipe != null) {
            return recipe;
        }
        if (!r.ok()) {
            return r.failure() == null || r.failure().isBlank() ? "it is a failure without a reason" : null;
        }
        String metrics = metricProblem(r);
        if (metrics != null) {
            return metrics;
        }
        Cost cost = CostModel.of(candidate.spec());
        if (r.macs() != cost.macs() || r.params() != cost.params()) {
            return "it claims " + r.macs() + " MACs and " + r.params() + " params, but the spec has " + cost.macs()
                    + " MACs and " + cost.params() + " params";
        }
        return null;
    }

    /** The provenance against what the experiment's fingerprint says every result must come from. */
    private static String provenanceProblem(Provenance p, RecipeFingerprint fingerprint) {
        String[][] checks = {
                {"data.split", p.dataset()}, {"data.checksum", p.dataChecksum()}, {"evaluator.version", p.codeVersion()}};
        for (String[] check : checks) {
            String expected = fingerprint.get(check[0]);
            // a version may go on after effnas' own (a command evaluator names its trainer there)
            boolean same = check[0].equals("evaluator.version") ? check[1] != null && check[1].startsWith(expected == null ? "" : expected)
                    : expected == null || expected.equals(check[1]);
            if (expected != null && !expected.isEmpty() && !same) {
                return "its provenance " + check[0] + " '" + Bounded.quote(check[1]) + "' differs from the experiment's '"
                        + Bounded.quote(expected) + "'";
            }
        }
        return null;
    }

    private static String metricProblem(EvalResult r) {
        if (!inUnit(r.top1())) {
            return "top1 " + r.top1() + " is not in [0, 1]";
        }
        if (!Double.isNaN(r.top5()) && !inUnit(r.top5())) {
            return "top5 " + r.top5() + " is neither NaN nor in [0, 1]";
        }
        if (!Double.isNaN(r.loss()) && !(r.loss() >= 0 && r.loss() < Double.POSITIVE_INFINITY)) {
            return "loss " + r.loss() + " is neither NaN nor a finite non-negative number";
        }
        if (r.params() < 0 || r.macs() < 0) {
            return "negative params or macs";
        }
        if (!optionalNonNegative(r.latencyMs()) || !optionalNonNegative(r.trainImagesPerSecond())) {
            return "negative or infinite latency or throughput";
        }
        if (!(r.wallSeconds() >= 0 && r.wallSeconds() < Double.POSITIVE_INFINITY)) {
            return "wall time " + r.wallSeconds() + " is not a finite non-negative number";
        }
        return null;
    }

    private static boolean inUnit(double v) {
        return v >= 0 && v <= 1;
    }

    private static boolean optionalNonNegative(double v) {
        return Double.isNaN(v) || (v >= 0 && v < Double.POSITIVE_INFINITY);
    }
}
