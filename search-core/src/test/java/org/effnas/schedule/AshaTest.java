package org.effnas.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AshaTest {

    static final SchedulerSettings SETTINGS = SchedulerSettings.asha(10, 270, 3);

    static List<RungResult> randomResults(int n, int rung, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<RungResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RungResult(String.format("c%06d", i + 1), 0, rung, SETTINGS.ladder().stepsAt(rung),
                    rng.nextDouble()));
        }
        return out;
    }

    static Set<String> top(List<RungResult> results, int k) {
        return results.stream().sorted(Comparator.comparingDouble(RungResult::score).reversed()).limit(k)
                .map(RungResult::baseId).collect(Collectors.toSet());
    }

    static List<Promotion> drain(Scheduler s) {
        List<Promotion> out = new ArrayList<>();
        Optional<Promotion> p;
        while ((p = s.promotion()).isPresent()) {
            out.add(p.get());
        }
        return out;
    }

    @Test
    void promotesExactlyTheTopThirdOfEachRungOnceItsResultsAreIn() {
        Asha asha = Asha.of(SETTINGS);
        List<RungResult> rung0 = randomResults(27, 0, 1);
        rung0.forEach(asha::recorded);
        List<Promotion> up = drain(asha);
        assertEquals(9, up.size());
        assertEquals(top(rung0, 9), up.stream().map(Promotion::baseId).collect(Collectors.toSet()));
        assertTrue(up.stream().allMatch(p -> p.fromRung() == 0 && p.toRung() == 1 && p.fromSteps() == 10
                && p.toSteps() == 30));
        assertTrue(drain(asha).isEmpty(), "nobody is promoted twice");

        SplittableRandom rng = new SplittableRandom(2);
        List<RungResult> rung1 = new ArrayList<>();
        for (Promotion p : up) {
            rung1.add(new RungResult(p.baseId(), 0, 1, 30, rng.nextDouble()));
        }
        rung1.forEach(asha::recorded);
        List<Promotion> up2 = drain(asha);
        assertEquals(top(rung1, 3), up2.stream().map(Promotion::baseId).collect(Collectors.toSet()));
        assertTrue(up2.stream().allMatch(p -> p.toRung() == 2 && p.toSteps() == 90));
    }

    @Test
    void withoutABarrierEveryPromotionIsInTheTopThirdWhenMadeAndNoMoreThanAThirdLeave() {
        for (long seed = 0; seed < 20; seed++) {
            Asha asha = Asha.of(SETTINGS);
            List<RungResult> arrived = new ArrayList<>();
            Set<String> promoted = new HashSet<>();
            for (RungResult r : randomResults(40, 0, seed)) {
                asha.recorded(r);
                arrived.add(r);
                for (Promotion p : drain(asha)) {
                    assertTrue(top(arrived, arrived.size() / 3).contains(p.baseId()),
                            p.baseId() + " promoted from outside the current top third");
                    assertTrue(promoted.add(p.baseId()));
                }
                assertEquals(arrived.size() / 3, promoted.size(), "promotes as soon as the quota allows");
            }
        }
    }

    @Test
    void failuresCountTowardsTheRungButAreNeverPromoted() {
        Asha asha = Asha.of(SETTINGS);
        for (int i = 0; i < 6; i++) {
            asha.recorded(new RungResult("f" + i, 0, 0, 10, Double.NaN));
        }
        asha.recorded(new RungResult("ok", 0, 0, 10, 0.1));
        List<Promotion> up = drain(asha);
        assertEquals(List.of("ok"), up.stream().map(Promotion::baseId).toList());
    }

    @Test
    void higherRungsArePromotedFirst() {
        Asha asha = Asha.of(SETTINGS);
        randomResults(3, 0, 3).forEach(asha::recorded);
        Promotion p = asha.promotion().orElseThrow();
        asha.recorded(new RungResult(p.baseId(), 0, 1, 30, 0.5));
        asha.recorded(new RungResult("x1", 0, 1, 30, 0.1));
        asha.recorded(new RungResult("x2", 0, 1, 30, 0.2));
        randomResults(6, 0, 4).stream().map(r -> new RungResult("y" + r.baseId(), 0, 0, 10, r.score()))
                .forEach(asha::recorded);
        Promotion next = asha.promotion().orElseThrow();
        assertEquals(2, next.toRung());
        assertEquals(p.baseId(), next.baseId());
    }

    @Test
    void keepsOnlyCheckpointsThatMayStillBePromoted() {
        Asha asha = Asha.of(SETTINGS);
        List<RungResult> rung0 = randomResults(9, 0, 5);
        rung0.forEach(asha::recorded);
        // with 18 more results possible, up to 9 of rung 0 may still be promoted: all are kept
        assertEquals(9, asha.checkpointsToKeep(18).size());
        // with none to come, only the top 3 may ever leave rung 0
        Set<String> top3 = top(rung0, 3).stream().map(id -> id + "@r0").collect(Collectors.toSet());
        assertEquals(top3, asha.checkpointsToKeep(0));
        List<Promotion> up = drain(asha);
        RungResult done = new RungResult(up.get(0).baseId(), 0, 1, 30, 0.9);
        asha.recorded(done);
        Set<String> keep = asha.checkpointsToKeep(0);
        assertTrue(!keep.contains(done.baseId() + "@r0"), "superseded by its rung-1 checkpoint");
        assertTrue(keep.contains(done.baseId() + "@r1") || asha.quota(1) == 0);
    }

    @Test
    void hyperbandStartsBracketsInTurnAtTheirOwnRungs() {
        Hyperband hb = Hyperband.of(SchedulerSettings.hyperband(10, 270, 3, 3));
        List<Integer> startRungs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RungStart s = hb.nextStart();
            startRungs.add(s.rung());
            assertEquals(SETTINGS.ladder().stepsAt(s.rung()), s.steps());
            hb.started("c" + i, s.bracket());
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2), startRungs);
        // bracket 1 ranks its own candidates at rung 1 only
        for (int i = 0; i < 6; i++) {
            int b = i % 3;
            hb.recorded(new RungResult("c" + i, b, b, SETTINGS.ladder().stepsAt(b), i));
        }
        List<Promotion> up = drain(hb);
        assertTrue(up.isEmpty(), "two results per bracket are below every quota of eta = 3: " + up);
    }
}
