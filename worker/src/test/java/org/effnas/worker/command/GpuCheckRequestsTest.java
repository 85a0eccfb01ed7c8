package org.effnas.worker.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.TrainingSettings;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request files scripts/gpu-check.sh feeds the reference trainer on a GPU machine (no Java there)
 * are exactly what the command evaluator writes for 12 seeded mnasnet-small candidates, with the
 * machine-specific paths as placeholders. Run with {@code -Deffnas.gpucheck.write=true} to rewrite
 * trainers/pytorch/gpu-check/ after a change to the request format.
 */
class GpuCheckRequestsTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void committedRequestsAreWhatTheEvaluatorWrites() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FASHION), "Fashion-MNIST is not installed in " + FASHION);
        Path target = ReferenceTrainer.script().getParent().resolve("gpu-check");
        SplitDataset data = SplitDataset.of(DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null)),
                SplitOptions.of(0.1, 10_000, 1));
        Path evaluations = dir.resolve("evaluations");
        CommandDataset dataset = CommandDataset.of(data, FASHION, 0, evaluations);
        CommandEvaluator evaluator = CommandEvaluator.of(CommandSettings.of(List.of("sh", "{request}", "{result}"),
                Duration.ZERO, Map.of(), dir, evaluations), dataset, OptionalInt.of(0));
        TrainingSettings recipe = new TrainingSettings(1, 0, 10_000, 128, "adam", 3e-3, 0.1, "cosine", 1e-5, 0, false,
                0.1, 1024);
        SearchSpace space = SearchSpaces.builtin("mnasnet-small");
        Random rng = new Random(12);
        ArrayNode requests = EvalJson.MAPPER.createArrayNode();
        for (int i = 1; i <= 12; i++) {
            String id = String.format("g%03d", i);
            Candidate c = Candidate.of(id, space.decode(space.random(rng)), recipe, i);
            ObjectNode r = evaluator.request(c, dir.resolve(id));
            ((ObjectNode) r.get("dataset")).put("path", "@DATA@").put("split_file", "@SPLIT@");
            ((ObjectNode) r.get("checkpoint")).put("write_to", "@OUT@/" + id + "/checkpoint.pt");
            ((ObjectNode) r.get("device")).put("kind", "@DEVICE_KIND@").put("cuda_visible_devices", "@CUDA@");
            requests.add(r);
        }
        dataset.writeSplit();
        String requestText = requests.toPrettyString() + "\n";
        String splitText = Files.readString(dataset.splitFile()) + "\n";
        if (Boolean.getBoolean("effnas.gpucheck.write")) {
            Files.createDirectories(target);
            Files.writeString(target.resolve("requests.json"), requestText);
            Files.writeString(target.resolve("split.json"), splitText);
        }
        assertEquals(requestText, Files.readString(target.resolve("requests.json")),
                "trainers/pytorch/gpu-check/requests.json is stale: rerun this test with -Deffnas.gpucheck.write=true");
        assertEquals(splitText, Files.readString(target.resolve("split.json")), "split.json is stale");
        JsonNode first = requests.get(0);
        assertEquals(10_000, first.at("/dataset/train_images").asInt());
        assertEquals(79, first.at("/budget/total_steps").asInt());
    }
}
