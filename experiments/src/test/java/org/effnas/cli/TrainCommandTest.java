package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.effnas.cost.CostModel;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code effnas train FILE} keeps the spec's resolution and channels (real Fashion-MNIST, two steps). */
class TrainCommandTest {

    @Test
    void aFortyFivePixelSpecTrainsAtFortyFivePixels(@TempDir Path dir) throws IOException {
        ArchSpec spec = Architectures.get("effnas-mini").withInput(45, 1, 10);
        Path file = dir.resolve("R1.yaml");
        Files.writeString(file, SpecFiles.toYaml(spec));
        InspectCommandTest.Run r = InspectCommandTest.run("train", file.toString(), "--steps", "2", "--batch", "16",
                "--subset", "64", "--minival-fraction", "0.002", "--precise-bn", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("at 45x45x1"), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(45, json.path("spec").path("resolution").asInt(), r.out());
        assertEquals(CostModel.of(spec).macs(), json.path("macs").asLong(), "MACs at 45 px, not 28");
        assertTrue(CostModel.of(spec).macs() > CostModel.of(spec.withInput(28, 1, 10)).macs());
    }

    @Test
    void theFolderHintNamesAFlagTrainHas() {
        // ImageFolderReader's hint for mixed image sizes names `effnas train --resolution R`
        var option = Effnas.commandLine().getSubcommands().get("train").getCommandSpec().findOption("--resolution");
        assertTrue(option != null, "train --resolution exists");
        assertTrue(option.description()[0].contains("images of mixed sizes are resized to R"), option.description()[0]);
    }

    @Test
    void aSpecWhoseChannelsDifferFromTheDatasetIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rgb.yaml");
        Files.writeString(file, SpecFiles.toYaml(Architectures.get("effnas-mini").withInput(32, 3, 10)));
        InspectCommandTest.Run r = InspectCommandTest.run("train", file.toString(), "--steps", "1");
        InspectCommandTest.assertBadInput(r, "in_channels is 3 but fashion-mnist images have 1 channel(s)");
    }

    @Test
    void anUnknownEngineAndBf16OnDl4jAreBadInput() {
        InspectCommandTest.assertBadInput(InspectCommandTest.run("train", "effnas-mini", "--engine", "pytorch"),
                "unknown engine 'pytorch', expected one of dl4j, onednn-nhwc");
        InspectCommandTest.assertBadInput(InspectCommandTest.run("train", "effnas-mini", "--precision", "bf16"),
                "bf16 needs training.engine: onednn-nhwc");
    }
}
