package org.effnas.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {

    @Test
    void laddersMultiplyByEtaAndEndAtMaxSteps() {
        assertEquals(List.of(10L, 30L, 90L, 270L), RungLadder.of(10, 270, 3).steps());
        assertEquals(List.of(30L, 90L, 270L, 800L), RungLadder.of(30, 800, 3).steps());
        assertEquals(List.of(50L, 100L), RungLadder.of(50, 100, 2).steps());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertMessage("scheduler.min_steps", () -> SchedulerSettings.asha(0, 100, 3));
        assertMessage("scheduler.max_steps", () -> SchedulerSettings.asha(100, 100, 3));
        assertMessage("scheduler.eta", () -> SchedulerSettings.asha(10, 100, 1));
        assertMessage("scheduler.brackets", () -> SchedulerSettings.hyperband(10, 270, 3, 4));
        assertMessage("scheduler.brackets", () -> SchedulerSettings.of(SchedulerName.ASHA, 10, 270, 3, 2));
        assertMessage("scheduler.name", () -> SchedulerName.parse("bohb", "scheduler.name"));
        assertEquals(SchedulerName.HYPERBAND, SchedulerName.parse(" Hyperband", "scheduler.name"));
    }

    private static void assertMessage(String field, Runnable r) {
        InvalidInputException e = assertThrows(InvalidInputException.class, r::run);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @Test
    void aFixedPoolEntersTheLadderWhereHalvingStillLeavesOneAtTheTop() {
        SchedulerSettings asha = SchedulerSettings.asha(30, 810, 3); // 30, 90, 270, 810
        assertEquals(asha, asha.forPool(27), "27 -> 9 -> 3 -> 1");
        assertEquals(asha, asha.forPool(100));
        assertEquals(List.of(90L, 270L, 810L), asha.forPool(26).ladder().steps(), "9 -> 3 -> 1 from 90");
        assertEquals(List.of(90L, 270L, 810L), asha.forPool(9).ladder().steps());
        assertEquals(List.of(270L, 810L), asha.forPool(6).ladder().steps(), "6 -> 2 from 270");
        assertEquals(List.of(270L, 810L), asha.forPool(3).ladder().steps());
        assertEquals(SchedulerSettings.fifo(810), asha.forPool(2), "below eta: every one at the top rung");
        assertEquals(List.of(810L), asha.forPool(1).ladder().steps());
        // a ladder whose top gap is short keeps its rungs (30, 90, 100)
        assertEquals(List.of(90L, 100L), SchedulerSettings.asha(30, 100, 3).forPool(4).ladder().steps());
        SchedulerSettings hyperband = SchedulerSettings.hyperband(30, 810, 3, 2);
        assertEquals(hyperband, hyperband.forPool(2), "hyperband sizes its own brackets");
        assertEquals(SchedulerSettings.fifo(), SchedulerSettings.fifo().forPool(2));
    }
}
