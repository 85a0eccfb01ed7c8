package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.effnas.cost.CostModel;
import org.effnas.eval.EvalJson;
import org.effnas.reference.Architectures;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference trainer builds the network effnas searched: its trainable parameter count equals
 * the cost model's (and so DL4J's) for every built-in architecture and 20 random genotypes, all
 * counted by one python process.
 */
class ReferenceTrainerParamsTest {

    @TempDir
    Path dir;

    @Test
    void everyBuiltinAndRandomGenotypeCountsAsTheCostModel() throws Exception {
        ReferenceTrainer.assumeTorch();
        List<String> names = new ArrayList<>();
        List<ArchSpec> specs = new ArrayList<>();
        for (String name : Architectures.names()) {
            names.add(name);
            specs.add(Architectures.get(name).withInput(28, 1, 10));
        }
        SearchSpace small = SearchSpaces.builtin("mnasnet-small");
        Random rng = new Random(2024);
        for (int k = 0; k < 20; k++) {
            names.add("mnasnet-small#" + k);
            specs.add(small.decode(small.random(rng)));
        }
        ArrayNode json = EvalJson.MAPPER.createArrayNode();
        specs.forEach(s -> json.add(EvalJson.spec(s)));
        Path file = dir.resolve("specs.json");
        Files.writeString(file, json.toString());
        JsonNode counts = EvalJson.MAPPER.readTree(ReferenceTrainer.run(List.of("--count-params", file.toString()),
                dir.resolve("log.txt")));
        assertEquals(specs.size(), counts.size());
        assertEquals(10 + 20, specs.size(), "efficientnet-b0..b7, mnasnet-a1, effnas-mini and 20 genotypes: " + names);
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(CostModel.of(specs.get(i)).params(), counts.get(i).asLong(), names.get(i));
        }
    }
}
