package org.effnas.cluster.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.effnas.cluster.testing.TestCandidates;
import org.effnas.cluster.trust.RecipeFingerprint;
import org.effnas.cluster.wire.ResultMessage;
import org.effnas.cluster.wire.TaskMessage;
import org.effnas.cluster.wire.WorkerHeartbeat;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Provenance;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lease book on a fake clock: expiry, retries, exactly-once acceptance, garbage rejection. */
class LeaseBookTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String KIND = "synthetic";

    private final List<String> events = new ArrayList<>();
    private final LeaseBook book = new LeaseBook(3, 2 * SECOND, KIND, "run1", events::add);
    private final Candidate c = TestCandidates.candidate(7);
    private final AtomicLong sequence = new AtomicLong();
    private static final String DIGEST = RecipeFingerprint.ofKind(KIND, "").digest();

    /** Workers that heartbeat (with no lease yet) at {@code nanos}, so their answers are believed. */
    private void join(long nanos, String... workers) {
        for (String w : workers) {
            book.heartbeat(beat(w, 1, List.of(), false), nanos, 0);
        }
    }

    @Test
    void acceptsOneResultPerLeaseAndDiscardsRepeats() {
        join(0, "w1");
        LeaseBook.Opened o = book.open(c, 0, 0);
        assertEquals(1, o.task().attempt());
        LeaseBook.Decisions d = book.result(answer(o.task(), "w1", 0.7), SECOND, 10);
        assertEquals(1, d.completions().size());
        assertEquals(0.7, d.completions().get(0).result().top1());
        assertTrue(book.result(answer(o.task(), "w1", 0.7), SECOND, 10).isEmpty());
        assertEquals(1, book.stats().discardedLate());
        assertEquals(1, book.stats().completed());
        assertEquals(0, book.inFlight());
    }

    @Test
    void submittingTheSameCandidateTwiceGivesTheSameFuture() {
        LeaseBook.Opened first = book.open(c, 0, 0);
        LeaseBook.Opened again = book.open(c, 0, 0);
        assertNull(again.task(), "nothing offered twice");
        assertEquals(first.future(), again.future());
    }

    @Test
    void aQueuedTaskNeverExpiresButATakenOneWithoutHeartbeatDoes() {
        LeaseBook.Opened o = book.open(c, 0, 0);
        assertTrue(book.expire(10 * SECOND, 0).isEmpty(), "still in the queue: no worker to blame");
        book.taken(o.task().leaseId(), 10 * SECOND);
        assertTrue(book.expire(11 * SECOND, 0).isEmpty(), "within the lease timeout");
        LeaseBook.Decisions d = book.expire(12 * SECOND + 1, 0);
        assertEquals(1, d.offers().size());
        TaskMessage retry = d.offers().get(0);
        assertEquals(2, retry.attempt());
        assertNotEquals(o.task().leaseId(), retry.leaseId());
        assertTrue(book.result(answer(o.task(), "late", 0.5), 13 * SECOND, 0).isEmpty(), "late result discarded");
        assertEquals(1, book.stats().discardedLate());
        join(13 * SECOND, "w2");
        assertEquals(0.6, book.result(answer(retry, "w2", 0.6), 14 * SECOND, 0).completions().get(0).result().top1());
        assertFalse(o.future().isDone(), "completion is the caller's job, after the lock");
    }

    @Test
    void heartbeatsKeepALeaseAlive() {
        LeaseBook.Opened o = book.open(c, 0, 0);
        for (long t = 0; t <= 20; t++) {
            book.heartbeat(beat("w1", 1, List.of(o.task().leaseId()), false), t * SECOND, 0);
            assertTrue(book.expire(t * SECOND + SECOND / 2, 0).offers().isEmpty());
        }
        assertEquals(0, book.stats().leasesLost());
    }

    @Test
    void aDisconnectedOrLeavingWorkerLosesItsLeasesAtOnce() {
        LeaseBook.Opened o1 = book.open(c, 0, 0);
        LeaseBook.Opened o2 = book.open(TestCandidates.candidate(8), 0, 0);
        book.heartbeat(beat("w1", 1, List.of(o1.task().leaseId()), false), 0, 0);
        book.heartbeat(beat("w2", 1, List.of(o2.task().leaseId()), false), 0, 0);
        assertEquals(2, book.capacity());
        LeaseBook.Decisions gone = book.clientLeft("uuid-w1", 1, 0);
        assertEquals(1, gone.offers().size());
        assertEquals(c.id(), gone.offers().get(0).candidateId());
        assertEquals(List.of("w1"), gone.forgottenWorkers());
        LeaseBook.Decisions left = book.heartbeat(beat("w2", 1, List.of(o2.task().leaseId()), true), 2, 0);
        assertEquals("c008", left.offers().get(0).candidateId());
        assertEquals(1, book.capacity(), "no worker left, but a search can still start and wait");
    }

    @Test
    void capacityCountsSlotsOfLiveWorkersAndForgetsSilentOnes() {
        book.heartbeat(beat("w1", 2, List.of(), false), 0, 0);
        book.heartbeat(beat("w2", 4, List.of(), false), SECOND, 0);
        assertEquals(6, book.capacity());
        LeaseBook.Decisions d = book.expire(2 * SECOND + 1, 0);
        assertEquals(List.of("w1"), d.forgottenWorkers());
        assertEquals(4, book.capacity());
    }

    @Test
    void aCandidateFailingEveryAttemptIsRecordedAsFailedWithItsHistory() {
        join(0, "w1", "w2", "w3");
        TaskMessage task = book.open(c, 0, 0).task();
        LeaseBook.Decisions d = LeaseBook.Decisions.none();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(attempt, task.attempt());
            d = book.result(failure(task, "w" + attempt, "diverged: NaN loss"), attempt * SECOND, 0);
            task = d.offers().isEmpty() ? null : d.offers().get(0);
        }
        assertNull(task, "no fourth attempt");
        EvalResult r = d.completions().get(0).result();
        assertFalse(r.ok());
        assertTrue(r.failure().startsWith("failed after 3 attempts: #1 diverged: NaN loss (on w1); #2"),
                r.failure());
        assertEquals(KIND, r.provenance().evaluator());
        assertEquals(2, book.stats().retries());
        assertEquals(1, book.stats().failedFinal());
    }

    static Stream<Arguments> garbage() {
        TrainingSettings other = TrainingSettings.defaults().withBatchSize(7);
        return Stream.of(
                Arguments.of("another candidate's id", edit(r -> new EvalResult("c999", r.specKey(),
                        r.top1(), r.top5(), r.loss(), r.params(), r.macs(), r.latencyMs(), r.trainImagesPerSecond(),
                        r.wallSeconds(), r.workerId(), r.failure(), r.provenance()))),
                Arguments.of("NaN accuracy", edit(r -> result(r, Double.NaN, r.specKey(), r.provenance()))),
                Arguments.of("accuracy above 1", edit(r -> result(r, 1.5, r.specKey(), r.provenance()))),
                Arguments.of("another spec", edit(r -> result(r, 0.5, "res1 garbage", r.provenance()))),
                Arguments.of("another evaluator kind", edit(r -> result(r, 0.5, r.specKey(),
                        new Provenance("dl4j", r.provenance().seed(), r.provenance().training(), "", "", "")))),
                Arguments.of("another seed", edit(r -> result(r, 0.5, r.specKey(),
                        new Provenance(KIND, 42, r.provenance().training(), "", "", "")))),
                Arguments.of("another recipe", edit(r -> result(r, 0.5, r.specKey(),
                        new Provenance(KIND, r.provenance().seed(), other, "", "", "")))),
                Arguments.of("no provenance", edit(r -> result(r, 0.5, r.specKey(), null))),
                Arguments.of("MACs the spec does not have", edit(r -> new EvalResult(r.candidateId(), r.specKey(),
                        0.5, r.top5(), r.loss(), r.params(), 1, r.latencyMs(), r.trainImagesPerSecond(),
                        r.wallSeconds(), r.workerId(), r.failure(), r.provenance()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRejectedAndTheCandidateRetried(String what, UnaryOperator<EvalResult> corrupt) {
        join(0, "w1", "w2");
        TaskMessage task = book.open(c, 0, 0).task();
        ResultMessage good = answer(task, "w1", 0.5);
        ResultMessage bad = new ResultMessage(good.leaseId(), good.candidateId(), good.attempt(), good.workerId(),
                0, 0, corrupt.apply(good.result()), "");
        LeaseBook.Decisions d = book.result(bad, SECOND, 0);
        assertTrue(d.completions().isEmpty(), what + " must not be recorded");
        assertEquals(1, d.offers().size(), what + " retries the candidate");
        assertEquals(1, book.stats().rejected());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("result-rejected")), events.toString());
        TaskMessage retry = d.offers().get(0);
        assertTrue(book.result(answer(retry, "w2", 0.5), 2 * SECOND, 0).completions().get(0).result().ok());
    }

    @Test
    void closingAbandonsOpenLeases() {
        book.open(c, 0, 0);
        List<CompletableFuture<EvalResult>> open = book.abandonAll();
        assertEquals(1, open.size());
        assertEquals(0, book.inFlight());
    }

    private static UnaryOperator<EvalResult> edit(UnaryOperator<EvalResult> f) {
        return f;
    }

    private static EvalResult result(EvalResult r, double top1, String specKey, Provenance p) {
        return new EvalResult(r.candidateId(), specKey, top1, r.top5(), r.loss(), r.params(), r.macs(),
                r.latencyMs(), r.trainImagesPerSecond(), r.wallSeconds(), r.workerId(), r.failure(), p);
    }

    private ResultMessage answer(TaskMessage t, String worker, double top1) {
        Candidate cand = t.candidate();
        Provenance p = new Provenance(KIND, cand.seed(), cand.training(), "synthetic", "", "test");
        Cost cost = CostModel.of(cand.spec());
        EvalResult r = new EvalResult(cand.id(), cand.specKey(), top1, Double.NaN, 0.3, cost.params(), cost.macs(),
                Double.NaN, Double.NaN, 1.0, worker, null, p);
        return ResultMessage.of(t, worker, 5, 6, r);
    }

    private ResultMessage failure(TaskMessage t, String worker, String reason) {
        Candidate cand = t.candidate();
        Provenance p = new Provenance(KIND, cand.seed(), cand.training(), "synthetic", "", "test");
        return ResultMessage.of(t, worker, 5, 6, EvalResult.failed(cand, reason, 1.0, worker, p));
    }

    private WorkerHeartbeat beat(String worker, int slots, List<String> leases, boolean leaving) {
        return new WorkerHeartbeat(worker, "uuid-" + worker, "host", 1, "cpu:" + slots, slots, KIND, leases,
                sequence.incrementAndGet(), leaving, DIGEST, "");
    }

    @Test
    void aHungWorkersLateResultIsDiscardedAndTheReissuedAttemptRecordedOnce() {
        join(0, "hung", "w2");
        LeaseBook.Opened o = book.open(c, 0, 0);
        book.heartbeat(beat("hung", 1, List.of(o.task().leaseId()), false), SECOND, 0);
        // "hung" is stopped: no heartbeat after 1 s; w2 keeps beating
        book.heartbeat(beat("w2", 1, List.of(), false), 2 * SECOND, 0);
        LeaseBook.Decisions expired = book.expire(3 * SECOND + 1, 0);
        assertEquals(1, expired.offers().size(), "the lease expired and the candidate is re-issued");
        TaskMessage retry = expired.offers().get(0);
        book.heartbeat(beat("w2", 1, List.of(retry.leaseId()), false), 3 * SECOND + 2, 0);
        // "hung" wakes up (SIGCONT) and delivers its result for the expired lease
        assertTrue(book.result(answer(o.task(), "hung", 0.9), 4 * SECOND, 0).isEmpty(), "late result discarded");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("result-discarded") && e.contains("worker=hung")
                && e.contains("lease already closed")), events.toString());
        LeaseBook.Decisions d = book.result(answer(retry, "w2", 0.6), 5 * SECOND, 0);
        assertEquals(1, d.completions().size());
        assertEquals("w2", d.completions().get(0).result().workerId());
        assertTrue(book.result(answer(retry, "w2", 0.6), 5 * SECOND, 0).isEmpty(), "never twice");
        assertEquals(1, book.stats().completed());
        assertEquals(2, book.stats().discardedLate());
    }

    @Test
    void onlyTheLeaseHolderMayAnswerAndAnotherWorkersAnswerCostsNoAttempt() {
        join(0, "holder", "other");
        LeaseBook.Opened o = book.open(c, 0, 0);
        book.heartbeat(beat("holder", 1, List.of(o.task().leaseId()), false), 0, 0);
        book.heartbeat(beat("other", 1, List.of(o.task().leaseId()), false), 0, 0);
        assertTrue(book.result(answer(o.task(), "other", 0.99), SECOND, 0).isEmpty());
        assertTrue(book.result(answer(o.task(), "stranger", 0.99), SECOND, 0).isEmpty(), "never joined");
        assertEquals(0, book.stats().retries(), "the holder's attempt goes on");
        assertEquals(0.5, book.result(answer(o.task(), "holder", 0.5), SECOND, 0).completions().get(0).result().top1());
    }

    @Test
    void replayedHeartbeatsAndOtherRecipesAreIgnoredAndANullLeaseIsHarmless() {
        LeaseBook.Opened o = book.open(c, 0, 0);
        WorkerHeartbeat first = beat("w1", 1, List.of(o.task().leaseId()), false);
        book.heartbeat(first, 0, 0);
        WorkerHeartbeat leaving = beat("w1", 1, List.of(), true);
        book.heartbeat(beat("w1", 1, List.of(o.task().leaseId()), false), SECOND, 0);
        assertTrue(book.heartbeat(leaving, SECOND, 0).offers().isEmpty(), "an old 'leaving' replayed evicts no one");
        assertEquals(1, book.stats().forged());
        assertEquals(1, book.capacity());
        WorkerHeartbeat otherRecipe = new WorkerHeartbeat("w9", "uuid-w9", "h", 1, "cpu:8", 8, KIND, List.of(), 99,
                false, "another-digest", "");
        book.heartbeat(otherRecipe, SECOND, 0);
        assertEquals(1, book.stats().refused());
        assertEquals(1, book.capacity(), "a worker with another recipe gets no work");
        WorkerHeartbeat nullLease = new WorkerHeartbeat("w3", "uuid-w3", "h", 1, "cpu:1", 1, KIND,
                java.util.Arrays.asList("x", null), 1, false, DIGEST, "");
        assertEquals(List.of("x"), nullLease.leases());
        assertTrue(book.heartbeat(nullLease, SECOND, 0).isEmpty());
    }

    @Test
    void leaseIdsAreUnguessable() {
        TaskMessage a = book.open(c, 0, 0).task();
        TaskMessage b = book.open(TestCandidates.candidate(8), 0, 0).task();
        assertTrue(a.leaseId().matches("run1-[0-9a-f]{32}"), a.leaseId());
        assertNotEquals(a.leaseId().substring(5), b.leaseId().substring(5));
    }
}
