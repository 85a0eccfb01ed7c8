package org.effnas.fuzz;

import static org.effnas.fuzz.Outcomes.assertParsesOrRefuses;
import static org.effnas.fuzz.Outcomes.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.effnas.InvalidInputException;
import org.effnas.cli.Effnas;
import org.effnas.config.ConfigLoader;
import org.effnas.data.Cifar10Reader;
import org.effnas.data.DataFileException;
import org.effnas.data.IdxReader;
import org.effnas.grid.CoefficientGrid;
import org.effnas.reference.BuiltinResources;
import org.effnas.space.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile inputs of issue 15, each reproduced: every one is now exit 2 (or an
 * {@link InvalidInputException}) with one line naming the file or key, where it used to be an OOM, a
 * hang, an overflowed total or a stack trace.
 */
class IssueReproducersTest {

    @TempDir
    Path dir;

    private String spec(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static void assertRefused(Outcomes.Run r, String... words) {
        assertEquals(Effnas.EXIT_BAD_INPUT, r.exitCode(), r.err() + r.out());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        for (String w : words) {
            assertTrue(lines.get(0).contains(w), "'" + w + "' in " + r.err());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"r999999999_k3_s11_e1_i32_o16", "r2147483647_k3_s11_e1_i32_o16"})
    void hugeRepeatsAreRefused(String block) throws IOException {
        String file = spec("r.yaml", "blocks:\n  - " + block + "\n");
        assertRefused(cli("inspect", file), file, "repeats: must be in [1, 256]");
    }

    @Test
    void threeStagesOfABillionRepeatsAreRefused() throws IOException {
        String file = spec("r3.yaml", "blocks:\n  - r1000000000_k3_s11_e1_i32_o16\n  - r1000000000_k3_s11_e1_i16_o16\n"
                + "  - r1000000000_k3_s11_e1_i16_o16\n");
        assertRefused(cli("inspect", file), file, "repeats");
    }

    @Test
    void repeatsAddingUpPastTheBlockLimitAreRefused() throws IOException {
        StringBuilder b = new StringBuilder("blocks:\n  - r256_k3_s11_e1_i32_o16\n");
        for (int i = 0; i < 4; i++) {
            b.append("  - r256_k3_s11_e1_i16_o16\n");
        }
        String file = spec("deep.yaml", b.toString());
        assertRefused(cli("inspect", file), file, "1280 blocks, at most 1024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"r1_k3_s11_e2147483647_i32_o16", "r1_k3_s11_e200000000_i32_o16",
            "r1_k2147483647_s11_e1_i32_o16", "r1_k200000001_s11_e1_i32_o16", "r1_k3_s11_e1_i32_o2147483647"})
    void hugeExpansionKernelOrFiltersAreRefused(String block) throws IOException {
        String file = spec("e.yaml", "blocks:\n  - " + block + "\n");
        assertRefused(cli("inspect", file), file, "stage 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483647", "200000000"})
    void hugeResolutionIsRefusedInAFileAndAsAFlag(String resolution) throws IOException {
        String file = spec("res.yaml", "resolution: " + resolution + "\nblocks:\n  - r1_k3_s11_e1_i32_o16\n");
        assertRefused(cli("inspect", file), file, "resolution: must be in [1, 4096]");
        assertRefused(cli("inspect", "effnas-mini", "--resolution", resolution), "resolution: must be in [1, 4096]");
    }

    @Test
    void macsPast2To63AreRefusedNotWrappedAround() throws IOException {
        String file = spec("huge.yaml", "resolution: 4096\nstem: k31_s1_o65536\nblocks:\n"
                + "  - r256_k31_s11_e64_i65536_o65536\n");
        assertRefused(cli("inspect", file), file, "macs");
    }

    @Test
    void macsPastTheDocumentedBoundAreRefused() throws IOException {
        String file = spec("big.yaml", "resolution: 4096\nstem: k3_s1_o512\nblocks:\n  - r4_k3_s11_e6_i512_o512\n");
        assertRefused(cli("inspect", file), file, "macs: the network needs", "1,000,000,000,000 allowed");
    }

    @Test
    void dl4jRefusesNetworksThatWouldNotFitNativeMemory() throws IOException {
        assertRefused(cli("inspect", "effnas-mini", "--classes", "100000000", "--dl4j"), "classes");
        String file = spec("p4e9.yaml", "classes: 60000\nresolution: 32\nhead: o65536\nblocks:\n"
                + "  - r1_k3_s11_e1_i32_o16\n");
        assertRefused(cli("inspect", file, "--dl4j"), "--dl4j", "3,933,401,472 parameters");
    }

    @Test
    void devicesAreRefusedAsSpecConfigAndSpaceFiles() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertRefused(cli("inspect", zero.toString()), "/dev/zero", "not a regular file");
        assertParsesOrRefuses(() -> ConfigLoader.load(zero), "/dev/zero", "config /dev/zero");
        assertParsesOrRefuses(() -> SearchSpaces.load(zero), "/dev/zero", "space /dev/zero");
    }

    @Test
    void aFifoWithoutAWriterIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is missing");
        assertRefused(cli("inspect", fifo.toString()), fifo.toString(), "not a regular file");
        assertNull(assertParsesOrRefuses(() -> ConfigLoader.load(fifo), fifo.toString(), "config fifo"));
        assertNull(assertParsesOrRefuses(() -> SearchSpaces.load(fifo), fifo.toString(), "space fifo"));
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("c.yaml"), text);
    }

    private static void assertConfigRefused(Path file, String... words) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(file));
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-6", "1e-300"})
    void aGridStepThatWouldEnumerateTooManyTriplesIsRefusedBeforeAnyWork(String step) throws IOException {
        assertConfigRefused(config("grid:\n  step: " + step + "\n"), "grid.step", "lattice triples", "at most 1000000");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CoefficientGrid.of(Double.parseDouble(step), 2, 0.1, 0));
        assertTrue(e.getMessage().contains("use a step of at least"), e.getMessage());
    }

    @Test
    void aBudgetPastWhatTheRunnerHoldsIsRefused() throws IOException {
        assertConfigRefused(config("evaluator: surrogate\nstrategy:\n  budget:\n    evaluations: 1000000\n"),
                "strategy.budget.evaluations", "[1, 100000]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"strategy:\n  budget:\n    wall_time: 1000000000h\n",
            "cluster:\n  mode: embedded\n  lease_timeout: 1000000000h\n", "strategy:\n  budget:\n    wall_time: 3600000000000\n"})
    void durationsOfABillionHoursAreRefusedWithoutOverflow(String text) throws IOException {
        assertConfigRefused(config(text), "must be at most 366 days");
    }

    @Test
    void duplicateKeysAreRefusedInConfigsWithTheLine() throws IOException {
        assertConfigRefused(config("seed: 1\nevaluator: dl4j\nevaluator: surrogate\n"), "c.yaml:3",
                "key 'evaluator' is given twice");
    }

    @Test
    void duplicateKeysAreRefusedInSpecFiles() throws IOException {
        String yaml = spec("d.yaml", "resolution: 32\nblocks:\n  - r1_k3_s11_e1_i32_o16\nresolution: 64\n");
        assertRefused(cli("inspect", yaml), yaml, "key 'resolution' is given twice", "line 4");
        String json = spec("d.json", "{\"blocks\": [\"r1_k3_s11_e1_i32_o16\"],\n \"blocks\": [\"r1_k3_s11_e1_i32_o24\"]}");
        assertRefused(cli("inspect", json), json, "key 'blocks' is given twice", "line 2");
        String stem = spec("s.yaml", "stem: k3_k5_s2_o32\nblocks:\n  - r1_k3_s11_e1_i32_o16\n");
        assertRefused(cli("inspect", stem), stem, "stem 'k3_k5_s2_o32'", "k is given twice");
    }

    private Path space(String from, String to) throws IOException {
        String text = BuiltinResources.text("/org/effnas/space/mnasnet-small.yaml");
        assertTrue(text.contains(from), from);
        return Files.writeString(dir.resolve("space.yaml"), text.replace(from, to));
    }

    private static void assertSpaceRefused(Path file, String... words) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SearchSpaces.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in " + e.getMessage());
        }
    }

    @Test
    void searchSpaceFilesWithHugeLayersOffsetsOrWidthsNameTheFileAndKey() throws IOException {
        assertSpaceRefused(space("{t: 6, c: 24, n: 2, s: 2}", "{t: 6, c: 24, n: 2147483647, s: 2}"),
                "backbone n: must be in [1, 256]");
        assertSpaceRefused(space("layers: [-1, 0, 1]", "layers: [-1, 0, 2147483647]"), "choices.layers");
        assertSpaceRefused(space("layers: [-1, 0, 1]", "layers: [-1, 0, 255]"), "choices.layers", "at most 256");
        String text = BuiltinResources.text("/org/effnas/space/mnasnet-small.yaml")
                .replace("{t: 6, c: 80, n: 2, s: 1}", "{t: 6, c: 2000, n: 2, s: 1}")
                .replace("filters: [0.75, 1.0, 1.25]", "filters: [0.75, 1.0, 40]");
        assertSpaceRefused(Files.writeString(dir.resolve("wide.yaml"), text), "choices.filters", "backbone[3]",
                "more than 65536 filters");
        assertSpaceRefused(space("filters: [0.75, 1.0, 1.25]", "filters: [0.75, 1.0, 1e12]"), "choices.filters");
        assertSpaceRefused(space("kernel: [3, 5]", "kernel: [3, 5, 2147483647]"), "choices.kernel");
        assertSpaceRefused(space("name: mnasnet-small", "name: mnasnet-small\nname: again"), "key 'name' is given twice");
    }

    /** Concatenated gzip members, each {@code memberBytes} of zeros after {@code header}: a bomb, cheap to write. */
    private Path bomb(String name, byte[] header, long totalBytes) throws IOException {
        byte[] zeros = new byte[1 << 20];
        java.io.ByteArrayOutputStream member = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(first)) {
                gz.write(header);
            }
            out.write(first.toByteArray());
            for (long written = 0; written < totalBytes; written += 64L << 20) {
                out.write(member.toByteArray());
            }
        }
        return file;
    }

    @Test
    void aThreeGigabyteGzipBombIsRefusedWithoutExhaustingMemory() throws IOException {
        long threeGb = 3L << 30;
        ByteBuffer header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(60_000).putInt(28).putInt(28);
        Path images = bomb("train-images.gz", header.array(), threeGb);
        Path labels = bomb("train-labels.gz", ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(60_000)
                .array(), 1);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels, 10));
        assertTrue(e.getMessage().contains("holds more than"), e.getMessage());
        Path cifar = bomb("data_batch_1.bin.gz", new byte[0], threeGb);
        e = assertThrows(DataFileException.class, () -> Cifar10Reader.read(List.of(cifar), 10));
        assertTrue(e.getMessage().startsWith(cifar.toString()) && e.getMessage().contains("holds more than"),
                e.getMessage());
    }

    @Test
    void aCifarFileOf699051RecordsIsRefusedNotANegativeArraySize() throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(699_051L * Cifar10Reader.RECORD_BYTES); // sparse: no disk used
        }
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.read(List.of(file), 10));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aPngAnnouncingAHugeCanvasIsRefusedBeforeDecoding() throws IOException {
        // a PNG header only: 100000 x 100000 8-bit gray, which decoding would try to allocate
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        Path classDir = Files.createDirectories(dir.resolve("folder").resolve("cat"));
        Path image = Files.write(classDir.resolve("bomb.png"), png.array());
        Files.createDirectories(dir.resolve("folder").resolve("dog"));
        Files.write(dir.resolve("folder").resolve("dog").resolve("bomb.png"), png.array());
        DataFileException e = assertThrows(DataFileException.class,
                () -> org.effnas.data.ImageFolderReader.read(dir.resolve("folder"), 0));
        assertTrue(e.getMessage().contains("100000x100000") && e.getMessage().contains("bomb.png"), e.getMessage());
        assertTrue(Files.exists(image));
    }

    @Test
    void anIdxFileWithZeroImagesIsACleanRefusal() throws IOException {
        Path images = Files.write(dir.resolve("images"),
                ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(0).putInt(28).putInt(28).array());
        Path labels = Files.write(dir.resolve("labels"),
                ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(0).array());
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels, 10));
        assertTrue(e.getMessage().contains("0 images"), e.getMessage());
    }
}
