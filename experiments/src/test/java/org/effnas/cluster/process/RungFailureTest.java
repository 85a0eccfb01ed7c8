package org.effnas.cluster.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.effnas.cluster.checkpoint.RehearsedCheckpoints;
import org.effnas.eval.Fidelity;
import org.effnas.report.RungPoint;
import org.effnas.report.RungTable;
import org.junit.jupiter.api.Test;

/**
 * Rungs of a multi-fidelity search (ASHA) on real processes over 127.0.0.1 where no folder is shared:
 * each worker keeps its checkpoints in its own {@code --checkpoints} folder, the coordinator in the
 * experiment directory, and checkpoints travel over the cluster. A worker killed mid-promotion, and a
 * coordinator killed with a promotion in flight and started again with {@code --resume}: every
 * (candidate, rung) is recorded exactly once, promotions continue from the checkpoints shipped to and
 * stored by the coordinator (the winner's checkpoint is the chain of every rung it went through), and
 * only the checkpoints the scheduler may still promote are kept. The surrogate rehearses checkpoints
 * of 2.5 MB (three chunks); {@link #aRemoteWorkerContinuesARealDl4jCheckpointShippedOverTheCluster}
 * ships real DL4J ones.
 */
class RungFailureTest extends ClusterProcessHarness {

    /** ASHA on 9 new candidates, eta 3, rungs of 30, 90 and 270 steps: 9 + 3 + 1 rung results. */
    private static final int RUNGS = 13;
    private static final int BYTES = (int) Math.round(2.5 * (1 << 20));
    private static final long[] STEPS = {30, 90, 270};
    private static final Pattern ID = Pattern.compile("id=(\\S+)");

    private JvmProcess rehearsing(String id, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--simulate-checkpoint-mb", "2.5", "--simulate-seconds",
                "0.4", "--checkpoints", tmp.resolve("worker-" + id).toString()));
        args.addAll(List.of(extra));
        return worker(id, args.toArray(String[]::new));
    }

    @Test
    void workerKilledMidPromotionIsReplacedAndPromotionsContinueFromShippedCheckpoints() throws Exception {
        rungExperiment(9);
        JvmProcess coordinator = coordinator();
        // neither worker keeps a checkpoint once sent: each promotion continues one fetched from the cluster
        JvmProcess a = rehearsing("A", "--keep-checkpoints", "0");
        JvmProcess b = rehearsing("B", "--keep-checkpoints", "0");
        // whichever worker is first given a promotion is killed in it; the scheduler decides which
        Predicate<String> promotion = l -> l.contains(" evaluates ") && l.contains("@r1 ");
        awaitAny(List.of(a, b), promotion, LONG);
        boolean aFirst = a.count(promotion) > 0;
        JvmProcess killed = aFirst ? a : b;
        JvmProcess survivor = aFirst ? b : a;
        String survivorId = aFirst ? "B" : "A";
        String victim = candidateOf(killed.await(promotion, SHORT));
        killed.kill();
        CoordinatorLog.await(out, l -> l.contains("lease-lost") && about(l, victim), SHORT);
        assertEquals(0, coordinator.exitCode(LONG));
        assertEquals(0, survivor.exitCode(SHORT));

        Map<String, JsonNode> rows = exactlyOnce(RUNGS);
        assertTrue(by(rows.get(victim), survivorId), "the killed worker's promotion finished on the other");
        List<RungPoint> promoted = promotions();
        long onSurvivor = promoted.stream()
                .filter(p -> by(rows.get(p.candidate() + "@r" + p.rung()), survivorId)).count();
        long fetched = survivor.count(l -> l.contains("fetched checkpoint search."));
        assertTrue(onSurvivor >= 1 && fetched >= onSurvivor, fetched + " fetched for " + onSurvivor
                + " promotions on " + survivorId);
        assertTrue(CoordinatorLog.lines(out).stream().filter(l -> l.contains("checkpoint-stored")).count() >= RUNGS,
                "every rung's checkpoint reached the coordinator's disk");
        assertOnlyTheWinnersChainIsLeft();
        assertEquals(0, files(tmp.resolve("worker-" + survivorId), ".bin"), survivorId + " kept none");
    }

    @Test
    void coordinatorKilledWithAPromotionInFlightResumesFromTheCheckpointsOnItsDisk() throws Exception {
        rungExperiment(9);
        JvmProcess first = coordinator();
        JvmProcess a = rehearsing("A");
        JvmProcess b = rehearsing("B");
        a.await(l -> l.contains(": joined "), LONG);
        b.await(l -> l.contains(": joined "), LONG);
        awaitAny(List.of(a, b), l -> l.contains(" evaluates ") && l.contains("@r1 "), LONG);
        first.kill();
        int before = results().size();
        assertTrue(before >= 3 && before < RUNGS, "recorded before the crash: " + before);
        JvmProcess second = coordinator("--resume");
        assertEquals(0, second.exitCode(LONG));
        exactlyOnce(RUNGS);
        promotions();

        List<String> log = CoordinatorLog.lines(out);
        int restart = lastIndex(log, l -> l.contains("coordinator-started"));
        Set<String> storedBefore = ids(log.subList(0, restart), "checkpoint-stored");
        Set<String> publishedAfter = ids(log.subList(restart, log.size()), "checkpoint-published");
        publishedAfter.retainAll(storedBefore);
        assertFalse(publishedAfter.isEmpty(), "the restarted coordinator continued a promotion from a checkpoint "
                + "its previous run stored: stored " + storedBefore + ", log " + log);
        assertOnlyTheWinnersChainIsLeft();
        assertEquals(0, a.exitCode(SHORT));
        assertEquals(0, b.exitCode(SHORT));
    }

    @Test
    void aRemoteWorkerContinuesARealDl4jCheckpointShippedOverTheCluster() throws Exception {
        // real training on the committed Fashion-MNIST subset: 2 candidates at 2 steps, the best continued to 4
        dl4jRungExperiment(2);
        JvmProcess coordinator = coordinator();
        Path own = tmp.resolve("worker-W");
        JvmProcess w = worker("W", "--checkpoints", own.toString(), "--keep-checkpoints", "0");
        assertEquals(0, coordinator.exitCode(LONG));
        assertEquals(0, w.exitCode(SHORT));
        exactlyOnce(3);
        List<RungPoint> promoted = RungTable.read(out).stream().filter(p -> p.rung() > 0).toList();
        assertEquals(1, promoted.size(), promoted.toString());
        assertEquals(2, promoted.get(0).fromSteps());
        assertTrue(Double.isFinite(promoted.get(0).top1()), "the promotion trained: " + promoted);
        assertTrue(w.count(l -> l.contains("fetched checkpoint search.")) >= 1,
                "the worker had deleted its own copy and continued the one the coordinator shipped");
        assertTrue(CoordinatorLog.lines(out).stream().filter(l -> l.contains("checkpoint-stored")).count() >= 3);
        assertEquals(1, files(out.resolve("checkpoints"), ".json"), "only the winner's checkpoint is left");
        assertEquals(0, files(own, ".json"), "the worker kept none");
        assertTrue(Files.size(out.resolve("best").resolve("model.zip")) > 1000, "best/model.zip from the shipped checkpoint");
    }

    /** Rung results above rung 0, each continuing the rung below. */
    private List<RungPoint> promotions() throws IOException {
        List<RungPoint> promoted = RungTable.read(out).stream().filter(p -> p.rung() > 0).toList();
        assertFalse(promoted.isEmpty());
        for (RungPoint p : promoted) {
            assertEquals(STEPS[p.rung() - 1], p.fromSteps(), "a promotion continues its previous rung: " + p);
        }
        return promoted;
    }

    /** One checkpoint left, the top rung's: the bytes of every rung of its candidate, chained. */
    private void assertOnlyTheWinnersChainIsLeft() throws IOException {
        Path dir = out.resolve("checkpoints");
        assertEquals(1, files(dir, ".bin"), "only the winner's checkpoint is left");
        RungPoint top = RungTable.read(out).stream().max(Comparator.comparingInt(RungPoint::rung)).orElseThrow();
        byte[] chain = null;
        for (int r = 0; r <= top.rung(); r++) {
            String id = "search." + top.candidate() + "@r" + r;
            Fidelity f = r == 0 ? new Fidelity(top.candidate(), 0, 0, STEPS[0], 0, null, id)
                    : new Fidelity(top.candidate(), 0, r, STEPS[r], STEPS[r - 1], "search." + top.candidate() + "@r"
                    + (r - 1), id);
            chain = RehearsedCheckpoints.next(f, chain, BYTES);
        }
        assertArrayEquals(chain, Files.readAllBytes(dir.resolve("search." + top.candidate() + "@r" + top.rung() + ".bin")),
                "the winner's checkpoint continued each of its rungs' checkpoints, across workers and processes");
    }

    private static long files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static Set<String> ids(List<String> lines, String event) {
        Set<String> out = new TreeSet<>();
        for (String l : lines) {
            Matcher m = ID.matcher(l);
            if (l.contains(event + " ") && m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static int lastIndex(List<String> lines, Predicate<String> p) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no matching line in " + lines);
    }

    private static void awaitAny(List<JvmProcess> ps, Predicate<String> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ps.stream().noneMatch(x -> x.count(p) > 0)) {
            assertTrue(System.nanoTime() < deadline, "no process printed a matching line within " + timeout);
            Thread.sleep(20);
        }
    }
}
