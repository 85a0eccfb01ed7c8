package org.effnas.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.effnas.schedule.RungResult;
import org.effnas.schedule.Scheduler;
import org.effnas.schedule.SchedulerSettings;
import org.junit.jupiter.api.Test;

/** The family's hold: every written checkpoint kept while the phase runs; afterwards what the rule lets go. */
class CheckpointHoldingSchedulerTest {

    @Test
    void holdsEveryScoredCheckpointAndReleasesWhatTheRuleAloneWouldAfterwards() {
        Scheduler fifo = Scheduler.of(SchedulerSettings.fifo(4));
        CheckpointHoldingScheduler held = CheckpointHoldingScheduler.of(Scheduler.of(SchedulerSettings.fifo(4)));
        for (Scheduler s : new Scheduler[] {fifo, held}) {
            s.started("c000001", 0);
            s.recorded(new RungResult("c000001", 0, 0, 4, 0.3));
            s.started("c000002", 0);
            s.recorded(new RungResult("c000002", 0, 0, 4, 0.5));
            s.started("c000003", 0);
            s.recorded(new RungResult("c000003", 0, 0, 4, Double.NaN)); // failed: wrote no checkpoint
        }
        // fifo alone keeps only its best (c000002); the hold keeps the other written one too
        assertEquals(Set.of("c000002@r0"), fifo.checkpointsToKeep(0));
        assertEquals(Set.of("c000001@r0", "c000002@r0"), held.checkpointsToKeep(0));
        assertEquals(Set.of("c000001@r0"), held.releasable());
        assertTrue(held.usesRungs());
        assertEquals(fifo.nextStart(), held.nextStart());
    }
}
