package org.effnas.cluster.config;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import java.util.List;
import java.util.logging.Level;
import org.effnas.cluster.trust.Bounded;
import org.slf4j.Logger;

/**
 * Hazelcast's own logging, through SLF4J: warnings and errors only, one line each (the exception's
 * class and first message line, never a stack trace), unless {@code --verbose}, which adds INFO
 * and the traces. The connection manager's per-attempt warnings of a worker waiting for its
 * coordinator are dropped (the worker says what happens itself) unless verbose, and so are the
 * client invocation service's: every failed invocation reaches its caller as an exception, which
 * the worker reports, and the service also warns of races on a client refused at authentication
 * ("Future.complete on completed future") that change nothing. Selected with the
 * {@code hazelcast.logging.class} system property ({@link #install}).
 */
public final class HazelcastLogging implements LoggerFactory {

    /** Loggers whose warnings the worker reports in its own words (see the class comment). */
    private static final List<String> QUIET = List.of("com.hazelcast.client.impl.connection",
            "com.hazelcast.client.impl.spi.ClientInvocationService");
    private static volatile boolean verbose;

    /** Routes every Hazelcast logger of this JVM through this factory. */
    public static void install(boolean beVerbose) {
        verbose = beVerbose;
        System.setProperty("hazelcast.logging.class", HazelcastLogging.class.getName());
    }

    @Override
    public ILogger getLogger(String name) {
        return new OneLine(org.slf4j.LoggerFactory.getLogger(name), QUIET.stream().anyMatch(name::startsWith));
    }

    /** One logger, forwarding at most a bounded line per event. */
    private static final class OneLine extends AbstractLogger {
        private final Logger slf4j;
        private final boolean quiet;

        OneLine(Logger slf4j, boolean quiet) {
            this.slf4j = slf4j;
            this.quiet = quiet;
        }

        @Override
        public void log(Level level, String message) {
            log(level, message, null);
        }

        @Override
        public void log(Level level, String message, Throwable thrown) {
            if (!isLoggable(level)) {
                return;
            }
            String text = Bounded.quote(message) + (thrown == null ? ""
                    : " (" + thrown.getClass().getSimpleName() + ": "
                    + Bounded.quote(String.valueOf(thrown.getMessage()).lines().findFirst().orElse("")) + ")");
            boolean error = level.intValue() >= Level.SEVERE.intValue();
            if (verbose && thrown != null) {
                if (error) {
                    slf4j.error(text, thrown);
                } else {
                    slf4j.warn(text, thrown);
                }
            } else if (error) {
                slf4j.error(text);
            } else if (level.intValue() >= Level.WARNING.intValue()) {
                slf4j.warn(text);
            } else {
                slf4j.info(text);
            }
        }

        @Override
        public void log(LogEvent event) {
            log(event.getLogRecord().getLevel(), event.getLogRecord().getMessage(), event.getLogRecord().getThrown());
        }

        @Override
        public Level getLevel() {
            return verbose ? Level.INFO : quiet ? Level.SEVERE : Level.WARNING;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && level.intValue() >= getLevel().intValue();
        }
    }
}
