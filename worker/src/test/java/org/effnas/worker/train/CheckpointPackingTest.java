package org.effnas.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.effnas.data.DatasetKind;
import org.effnas.data.DatasetLoader;
import org.effnas.data.DatasetRequest;
import org.effnas.data.ImageDataset;
import org.effnas.data.SplitDataset;
import org.effnas.data.SplitOptions;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed form a checkpoint travels in between machines: what one store packs, another receives
 * and continues from exactly; what is not a checkpoint of that id (cut short, trailing bytes, another
 * id, a network zip with entries DL4J would Java-deserialize) is refused and leaves nothing.
 */
class CheckpointPackingTest {

    private static SplitDataset data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path fixture = Path.of(CheckpointPackingTest.class.getResource("/data/fashion-mnist-mini").toURI());
        ImageDataset images = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, fixture));
        data = SplitDataset.of(images, SplitOptions.of(0.1, 0, 5));
    }

    private static byte[] packed(CheckpointStore store, String id) throws IOException {
        try (InputStream in = store.openPacked(id)) {
            byte[] b = in.readAllBytes();
            assertEquals(store.packedSize(id), b.length);
            return b;
        }
    }

    @Test
    void aReceivedCheckpointContinuesLikeTheOriginal() throws IOException {
        CheckpointStore there = CheckpointStore.at(dir.resolve("there"));
        CheckpointStore here = CheckpointStore.at(dir.resolve("here"));
        Dl4jEvaluator writer = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(there);
        assertTrue(writer.evaluate(CheckpointContinuationTest.rung("p", Fidelity.start("p", 0, 0, 4)), "w").ok());

        here.receivePacked("p@r0", new ByteArrayInputStream(packed(there, "p@r0")));
        assertTrue(here.contains("p@r0"));
        assertEquals(there.load("p@r0").network().params(), here.load("p@r0").network().params());
        assertEquals(there.load("p@r0").rootState(), here.load("p@r0").rootState());

        Fidelity promotion = Fidelity.promotion("p", 0, 0, 4, 1, 8);
        EvalResult onThere = writer.evaluate(CheckpointContinuationTest.rung("p", promotion), "w");
        EvalResult onHere = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(here)
                .evaluate(CheckpointContinuationTest.rung("p", promotion), "w");
        assertTrue(onThere.ok() && onHere.ok(), onThere.failure() + " " + onHere.failure());
        assertEquals(there.load("p@r1").network().params(), here.load("p@r1").network().params(),
                "the same run continued, bit for bit");
    }

    @Test
    void whatIsNotACheckpointOfThatIdIsRefusedAndLeavesNothing() throws IOException {
        CheckpointStore there = CheckpointStore.at(dir.resolve("there"));
        CheckpointStore here = CheckpointStore.at(dir.resolve("here"));
        Dl4jEvaluator writer = new Dl4jEvaluator(data, Dl4jEvaluator.Options.reward()).withCheckpoints(there);
        assertTrue(writer.evaluate(CheckpointContinuationTest.rung("q", Fidelity.start("q", 0, 0, 2)), "w").ok());
        byte[] good = packed(there, "q@r0");

        assertRefused(here, "q@r0", Arrays.copyOf(good, good.length - 100), "ends");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertRefused(here, "q@r0", longer, "bytes follow");
        assertRefused(here, "other@r0", good, "does not describe");

        // a network zip with a preprocessor entry (which DL4J reads with Java deserialization)
        Path zip = dir.resolve("there").resolve("q@r0.zip");
        Path bad = dir.resolve("bad.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("preprocessor.bin"));
            out.write(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});
            out.closeEntry();
        }
        Files.copy(bad, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused(here, "q@r0", packed(there, "q@r0"), "preprocessor.bin");
    }

    private static void assertRefused(CheckpointStore store, String id, byte[] packed, String why) throws IOException {
        IOException e = assertThrows(IOException.class, () -> store.receivePacked(id, new ByteArrayInputStream(packed)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertFalse(store.contains(id));
        try (var files = Files.list(store.directory())) {
            assertEquals(0, files.count(), "nothing left behind, temporary files included");
        }
    }
}
