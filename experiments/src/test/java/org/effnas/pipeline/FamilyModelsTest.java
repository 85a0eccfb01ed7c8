package org.effnas.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.effnas.cli.Effnas;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageSplit;
import org.effnas.eval.EvalJson;
import org.effnas.report.FamilyPoint;
import org.effnas.report.ResultTables;
import org.effnas.worker.export.EngineAccuracy;
import org.effnas.worker.export.ImageClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * family/&lt;name&gt;/: under ASHA with real DL4J training on the committed Fashion-MNIST subset
 * (200 training images, rungs of 2 and 4 steps), every family member trained in the family phase is
 * saved from its checkpoint as model.zip + model.onnx, the ONNX file classifies the fixture's test
 * images exactly as the DL4J archive does, its checkpoint is released afterwards, and a resume saves
 * nothing again; under fifo no family model is written and one line says how to get them.
 */
class FamilyModelsTest {

    private static final Path FIXTURE = BestModelEnginesTest.FIXTURE.toAbsolutePath().normalize();

    private static final String CONFIG = """
            dataset: {name: fashion-mnist, path: %s, minival: 0.1}
            space: mnasnet-small
            evaluator: dl4j
            training: {subset: 200, batch_size: 25, precise_bn_images: 50%s}
            strategy: {name: random, budget: {evaluations: %d}}
            %s
            grid: {max_triples: 1, max: 1.4}
            family: {phi_max: 1, single_dimension: %s}
            seed: 7
            """;

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    /** Runs the CLI in this JVM; the launch logs to System.err, which is captured (and still shown). */
    private Run effnas(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                err.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                err.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            int code = Effnas.commandLine().setOut(new PrintWriter(err, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private Path config(String name, String training, int candidates, String scheduler, boolean singleDimension)
            throws IOException {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, CONFIG.formatted(FIXTURE, training, candidates, scheduler, singleDimension));
        return config;
    }

    @Test
    void underAshaEveryMemberTrainedInTheFamilyIsSavedAndItsOnnxPredictsAsDl4j() throws Exception {
        Path out = dir.resolve("asha");
        Run r = effnas("run", "--config", config("asha", "", 3, "scheduler: {name: asha, min_steps: 2, max_steps: 4, eta: 2}", true)
                .toString(), "--out", out.toString(), "--no-cache");
        assertEquals(0, r.code(), r.err());
        List<FamilyPoint> family = ResultTables.readFamily(out);
        Set<String> trained = new LinkedHashSet<>();
        family.stream().filter(p -> p.m().ok() && p.m().candidateId().startsWith("family/"))
                .forEach(p -> trained.add(p.name()));
        // under rungs the single-dimension comparisons are not grid contenders: the family trains them
        assertTrue(trained.containsAll(List.of("D1", "W1", "R1")), family.toString());
        // 64 of the fixture's test images, which no phase saw
        ImageSplit test = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, FIXTURE).withTest())
                .test().select(java.util.stream.IntStream.range(0, 64).toArray());
        for (String name : trained) {
            Path member = out.resolve("family").resolve(name);
            assertTrue(Files.size(member.resolve("model.zip")) > 1000, name);
            assertTrue(Files.size(member.resolve("model.onnx")) > 1000, name);
            assertTrue(Files.isRegularFile(member.resolve("preprocess.json")), name);
            JsonNode metrics = EvalJson.MAPPER.readTree(member.resolve("metrics.json").toFile());
            FamilyPoint best = family.stream().filter(p -> p.name().equals(name) && p.m().ok())
                    .max(java.util.Comparator.comparingDouble(p -> p.m().top1())).orElseThrow();
            assertEquals(name, metrics.path("member").asText(), metrics.toString());
            assertEquals(best.m().top1(), metrics.path("minival_top1").asDouble(Double.NaN), 1e-12, metrics.toString());
            assertEquals(best.m().candidateId().replaceFirst("/", "."), metrics.path("checkpoint").asText());
            assertEquals(4, metrics.path("steps").asLong(), "the family trains at the top rung: " + metrics);
            JsonNode engines = metrics.path("engines");
            assertEquals(engines.path("images").asInt(), engines.path("same_top1_images").asInt(), engines.toString());
            // the deployed file: ONNX Runtime gives DL4J's class for every image
            EngineAccuracy dl4j = EngineAccuracy.of(member, ImageClassifier.Engine.DL4J, test);
            EngineAccuracy ort = EngineAccuracy.of(member, ImageClassifier.Engine.ONNXRUNTIME, test);
            assertEquals(64, dl4j.images());
            assertArrayEquals(dl4j.predicted(), ort.predicted(), name + ": top-1 differs between the engines");
            assertEquals(dl4j.top1(), ort.top1(), 0.0, name);
        }
        // saved, then released as the family's scheduler alone would: no family checkpoint but its best is left
        long familyCheckpoints;
        try (Stream<Path> s = Files.list(out.resolve(EvaluatorSetup.CHECKPOINTS))) {
            familyCheckpoints = s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("family.")
                    && f.endsWith(".json")).count();
        }
        assertEquals(1, familyCheckpoints, "only the family's best checkpoint is kept after saving");
        assertTrue(r.err().contains("family/D1/model.zip saved from checkpoint family."), r.err());
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        for (String name : trained) {
            assertTrue(html.contains("<a href=\"family/" + name + "/model.onnx\">"), "no link to " + name + "'s model.onnx");
        }
        Run check = effnas("report", "--check", out.toString());
        assertEquals(0, check.code(), check.err());

        // a resume finds every member saved from the same checkpoint and writes nothing again
        Path d1 = out.resolve("family/D1/model.zip");
        FileTime before = Files.getLastModifiedTime(d1);
        Run again = effnas("run", "--config", out.resolve("config.yaml").toString(), "--out", out.toString(),
                "--resume", "--no-cache");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("family/D1/model.zip is already saved"), again.err());
        assertFalse(again.err().contains("saved from checkpoint family."), again.err());
        assertEquals(before, Files.getLastModifiedTime(d1));
    }

    @Test
    void underFifoNoFamilyModelIsWrittenAndOneLineSaysHowToGetThem() throws Exception {
        Path out = dir.resolve("fifo");
        Run r = effnas("run", "--config", config("fifo", ", steps: 3", 1, "scheduler: {name: fifo}", false).toString(),
                "--out", out.toString(), "--no-cache");
        assertEquals(0, r.code(), r.err());
        assertFalse(ResultTables.readFamily(out).isEmpty());
        try (Stream<Path> s = Files.list(out.resolve("family"))) {
            assertTrue(s.noneMatch(Files::isDirectory), "no family/<name>/ folder without rungs");
        }
        List<String> lines = r.err().lines().filter(l -> l.endsWith("family members are saved under a scheduler with "
                + "rungs, or with: effnas final " + out + " --members B0,B1")).toList();
        // the line names the members: B0 (the search winner) and B1 (the grid's phi = 1 model)
        assertEquals(1, lines.size(), r.err());
    }
}
