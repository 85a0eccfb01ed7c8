package org.effnas.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicateGroupsTest {

    private static final SchedulerSettings SETTINGS = SchedulerSettings.asha(10, 90, 3);

    private static String id(int i) {
        return String.format("c%06d", i);
    }

    /** Six architectures times three seeds, started in order: c000001-3 are architecture 0, and so on. */
    private static Scheduler started() {
        Scheduler s = ReplicateGroups.of(Asha.of(SETTINGS), 3);
        for (int i = 1; i <= 18; i++) {
            RungStart start = s.nextStart();
            assertEquals(0, start.rung());
            s.started(id(i), start.bracket());
        }
        return s;
    }

    /** Architecture a's seed scores: a high single seed for architecture 5, whose mean is low. */
    private static double score(int member) {
        int arch = (member - 1) / 3;
        int seed = (member - 1) % 3;
        if (arch == 5) {
            return seed == 0 ? 0.99 : 0.10;
        }
        return 0.5 + 0.05 * arch + 0.001 * seed;
    }

    @Test
    void aTripleIsRankedByItsMeanAndPromotedWithEverySeedThatSucceeded() {
        Scheduler s = started();
        for (int i = 1; i <= 18; i++) {
            // architecture 4's third seed fails: it is not promoted, the other two are
            double v = i == 15 ? Double.NaN : score(i);
            s.recorded(new RungResult(id(i), 0, 0, 10, v));
        }
        List<Promotion> up = AshaTest.drain(s);
        // floor(6 / 3) = 2 architectures leave rung 0: the best means are architectures 4 and 3, not 5
        Set<String> promoted = up.stream().map(Promotion::baseId).collect(Collectors.toSet());
        assertEquals(Set.of(id(13), id(14), id(10), id(11), id(12)), promoted);
        assertTrue(up.stream().allMatch(p -> p.fromRung() == 0 && p.toRung() == 1 && p.fromSteps() == 10
                && p.toSteps() == 30));
        // a seed's rung is not ranked until every promoted seed's result at it is in: its checkpoint is kept
        s.recorded(new RungResult(id(13), 0, 1, 30, 0.9));
        assertTrue(s.checkpointsToKeep(0).contains("c000013@r1"));
        // then the rule ranks the architecture: two can reach rung 1, floor(2/3) = 0 leave it, nothing is kept
        s.recorded(new RungResult(id(14), 0, 1, 30, 0.9));
        Set<String> keep = s.checkpointsToKeep(0);
        assertTrue(!keep.contains("c000013@r1") && !keep.contains("c000014@r1"), keep.toString());
        assertTrue(AshaTest.drain(s).isEmpty(), "one architecture at rung 1 earns no promotion");
    }

    @Test
    void aReplayedPromotionOfOneSeedQueuesTheOthersOnce() {
        Scheduler live = started();
        Scheduler replay = started();
        for (int i = 1; i <= 18; i++) {
            live.recorded(new RungResult(id(i), 0, 0, 10, score(i)));
            replay.recorded(new RungResult(id(i), 0, 0, 10, score(i)));
        }
        List<Promotion> all = AshaTest.drain(live);
        assertEquals(6, all.size(), "two architectures times three seeds");
        // the journal had the first two member promotions when the run stopped
        replay.promoted(all.get(0).baseId(), 1);
        replay.promoted(all.get(1).baseId(), 1);
        assertEquals(all.subList(2, 6), AshaTest.drain(replay), "the rest of the promotions, each once");
    }

    @Test
    void oneReplicateIsTheRuleItself() {
        Asha asha = Asha.of(SETTINGS);
        assertSame(asha, ReplicateGroups.of(asha, 1));
    }
}
