package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void counts() {
        assertEquals(400_000_000L, Quantities.parseCount("400M"));
        assertEquals(1_500_000_000L, Quantities.parseCount("1.5G"));
        assertEquals(20_000L, Quantities.parseCount("20k"));
        assertEquals(12L, Quantities.parseCount("12"));
        assertNull(Quantities.parseCount("1.5"));
        assertNull(Quantities.parseCount("lots"));
        assertEquals("400M", Quantities.formatCount(400_000_000L));
        assertEquals("1.5G", Quantities.formatCount(1_500_000_000L));
        assertEquals("1234567", Quantities.formatCount(1_234_567L));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMinutes(90), Quantities.parseDuration("1h30m"));
        assertEquals(Duration.ofSeconds(45), Quantities.parseDuration("45s"));
        assertEquals(Duration.ofSeconds(30), Quantities.parseDuration("30"));
        assertEquals(Duration.ofMinutes(15), Quantities.parseDuration("PT15M"));
        assertNull(Quantities.parseDuration("15 minutes"));
        assertNull(Quantities.parseDuration("m15"));
        assertEquals("1h30m", Quantities.formatDuration(Duration.ofMinutes(90)));
        assertEquals("0", Quantities.formatDuration(Duration.ZERO));
        assertEquals(Duration.ofSeconds(3725), Quantities.parseDuration(Quantities.formatDuration(Duration.ofSeconds(3725))));
        assertEquals("7.5s", Quantities.formatDuration(Duration.ofMillis(7500)));
        assertEquals("0.02s", Quantities.formatDuration(Duration.ofMillis(20)));
        for (Duration d : new Duration[] {Duration.ofMillis(200), Duration.ofMillis(3_333), Duration.ofMillis(61_050)}) {
            assertEquals(d, Quantities.parseDuration(Quantities.formatDuration(d)), d.toString());
        }
    }
}
