package org.effnas.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/** Writes a duration the way configs spell it ({@code 15m}, {@code 1h30m}, {@code 0}). */
final class DurationText extends StdSerializer<Duration> {

    DurationText() {
        super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(Quantities.formatDuration(value));
    }
}
