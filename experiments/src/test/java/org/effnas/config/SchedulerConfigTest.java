package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.effnas.schedule.SchedulerName;
import org.effnas.schedule.SchedulerSettings;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static SchedulerConfig read(String yaml, List<String> problems) throws Exception {
        ConfigSection s = new ConfigSection("scheduler", YAML.readTree(yaml), problems);
        SchedulerConfig c = SchedulerConfig.read(s);
        s.finish();
        return c;
    }

    @Test
    void readsEveryKeyAndDefaultsToFifo() throws Exception {
        List<String> problems = new ArrayList<>();
        assertEquals(SchedulerSettings.hyperband(30, 810, 3, 2),
                read("name: hyperband\nmin_steps: 30\nmax_steps: 810\neta: 3\nbrackets: 2\n", problems).settings());
        assertEquals(SchedulerName.FIFO, read("{}", problems).settings().name());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void badValuesAreProblemsNamingTheKey() throws Exception {
        List<String> problems = new ArrayList<>();
        read("name: asha\nmin_steps: 100\nmax_steps: 50\n", problems);
        read("name: ash\n", problems);
        read("name: asha\nmax_step: 50\n", problems);
        assertTrue(problems.get(0).startsWith("scheduler.max_steps: must be above"), problems.get(0));
        assertTrue(problems.get(1).startsWith("scheduler.name: must be one of fifo, asha, hyperband"), problems.get(1));
        assertTrue(problems.get(2).contains("max_step: unknown key"), problems.toString());
    }
}
