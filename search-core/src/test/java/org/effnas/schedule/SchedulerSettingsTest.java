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
}
