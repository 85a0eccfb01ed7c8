package org.effnas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.effnas.eval.Precision;
import org.effnas.eval.TrainingEngine;
import org.effnas.eval.TrainingSettings;
import org.junit.jupiter.api.Test;

/** {@code training.engine} and {@code training.precision}: read once into enums, refused with the key and the fix. */
class TrainingConfigTest {

    static TrainingConfig read(String yaml, List<String> problems) throws Exception {
        ConfigSection s = new ConfigSection("training", SchedulerConfigTest.YAML.readTree(yaml), problems);
        TrainingConfig c = TrainingConfig.read(s);
        s.finish();
        return c;
    }

    @Test
    void theEngineAndPrecisionReachTheRecipeAndDefaultToDl4jInF32() throws Exception {
        List<String> problems = new ArrayList<>();
        TrainingSettings nhwc = read("engine: onednn-nhwc\nprecision: bf16\n", problems).settings(0.1);
        TrainingSettings plain = read("{}", problems).settings(0.1);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(TrainingEngine.ONEDNN_NHWC, nhwc.engine());
        assertEquals(Precision.BF16, nhwc.precision());
        assertEquals(TrainingEngine.DL4J, plain.engine());
        assertEquals(Precision.F32, plain.precision());
    }

    @Test
    void unknownValuesAndBf16OnDl4jAreProblemsNamingTheKey() throws Exception {
        List<String> problems = new ArrayList<>();
        read("engine: pytorch\n", problems);
        read("precision: fp16\nengine: onednn-nhwc\n", problems);
        read("precision: bf16\n", problems);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("training.engine: must be one of dl4j, onednn-nhwc"), problems.get(0));
        assertTrue(problems.get(1).startsWith("training.precision: must be one of f32, bf16"), problems.get(1));
        assertTrue(problems.get(2).startsWith("training.precision: bf16 needs engine: onednn-nhwc")
                && problems.get(2).contains("set training.engine: onednn-nhwc"), problems.get(2));
    }

    @Test
    void theFinalRecipeTrainsWithTheSearchsEngine() throws Exception {
        TrainingConfig t = read("engine: onednn-nhwc\nprecision: bf16\n", new ArrayList<>());
        TrainingSettings f = FinalConfig.defaults().settings(t, 0.1);
        assertEquals(TrainingEngine.ONEDNN_NHWC, f.engine());
        assertEquals(Precision.BF16, f.precision());
    }
}
