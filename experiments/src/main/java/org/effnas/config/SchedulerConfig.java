package org.effnas.config;

import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.SettingChoice;
import org.effnas.schedule.SchedulerName;
import org.effnas.schedule.SchedulerSettings;

/**
 * The {@code scheduler} section: {@code {name, min_steps, max_steps, eta, brackets}} (docs/search.md,
 * "Multi-fidelity"). Absent: fifo, every candidate trains the training recipe once. Validated by
 * {@link SchedulerSettings}, whose messages name the key.
 *
 * @param name fifo, asha or hyperband, as configs spell it
 */
public record SchedulerConfig(String name, long minSteps, long maxSteps, int eta, int brackets) {

    static final List<String> NAMES = SettingChoice.names(SchedulerName.class);

    public SchedulerConfig {
        // the settings check every rule; a config that exists is a valid one
        SchedulerSettings.of(SchedulerName.parse(name, "scheduler.name"), minSteps, maxSteps, eta, brackets);
    }

    /** fifo without rungs: every candidate trains the training recipe once. */
    public static SchedulerConfig defaults() {
        return of(SchedulerSettings.fifo());
    }

    public static SchedulerConfig of(SchedulerSettings s) {
        return new SchedulerConfig(s.name().text(), s.minSteps(), s.maxSteps(), s.eta(), s.brackets());
    }

    /** The typed settings the engine runs. */
    public SchedulerSettings settings() {
        return SchedulerSettings.of(SchedulerName.parse(name, "scheduler.name"), minSteps, maxSteps, eta, brackets);
    }

    static SchedulerConfig read(ConfigSection s) {
        SchedulerName name = SchedulerName.parse(s.choice("name", "fifo", NAMES), s.path() + ".name");
        boolean rungs = name != SchedulerName.FIFO;
        long min = s.count("min_steps", rungs ? 30 : 0, 0, 100_000_000);
        long max = s.count("max_steps", rungs ? 810 : 0, 0, 100_000_000);
        int eta = s.integer("eta", 3, 2, 1000);
        int brackets = s.integer("brackets", name == SchedulerName.HYPERBAND ? 2 : 1, 1, 100);
        try {
            return of(SchedulerSettings.of(name, min, max, eta, brackets));
        } catch (InvalidInputException e) {
            // "scheduler.<key>: text" from the settings' own validation, reported against this section's key
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            String key = m.startsWith("scheduler.") && colon > 0 ? m.substring("scheduler.".length(), colon) : "name";
            s.problem(key, colon > 0 ? m.substring(colon + 2) : m);
            return defaults();
        }
    }
}
