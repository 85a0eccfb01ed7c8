package org.effnas.fuzz;

import static org.effnas.fuzz.Outcomes.assertParsesOrRefuses;
import static org.effnas.fuzz.Outcomes.assertSuccessOrBadInput;
import static org.effnas.fuzz.Outcomes.cli;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.effnas.config.ConfigLoader;
import org.effnas.cost.CostModel;
import org.effnas.data.Cifar10Reader;
import org.effnas.data.IdxReader;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.reference.BuiltinResources;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every user input: spec files (through the CLI's own entry point, top-level
 * handler included), block strings, experiment configs, search-space files and data files (IDX and
 * CIFAR headers and lengths). Each case must succeed or be refused with exit 2 / an
 * {@code InvalidInputException} whose one line names the file or key: no stack trace, no other
 * exception, no OOM, an answer within {@link Outcomes#BOUND}. 1,300 cases; the seed is fixed, so a
 * failure reproduces.
 */
class HostileInputFuzzTest {

    private static final long SEED = 20_261_201L;

    @TempDir
    static Path dir;

    private static String write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void bothOutcomesWereExercised() {
        // a fuzzer whose mutations were all harmless, or all fatal, would prove little
        assertTrue(Outcomes.ACCEPTED.get() >= 100 && Outcomes.REFUSED.get() >= 300,
                Outcomes.ACCEPTED.get() + " accepted, " + Outcomes.REFUSED.get() + " refused");
        System.out.println("fuzz: " + Outcomes.ACCEPTED.get() + " inputs accepted, " + Outcomes.REFUSED.get()
                + " refused cleanly");
    }

    @TestFactory
    Stream<DynamicTest> specFilesThroughTheCli() {
        List<String> bases = List.of(SpecFiles.toYaml(Architectures.get("effnas-mini")),
                SpecFiles.toYaml(Architectures.get("efficientnet-b0")),
                SpecFiles.toJson(Architectures.get("mnasnet-a1")));
        Mutator m = new Mutator(SEED);
        return IntStream.range(0, 400).mapToObj(i -> {
            String base = bases.get(i % bases.size());
            String text = m.mutate(base);
            String ext = base.startsWith("{") ? ".json" : ".yaml";
            return DynamicTest.dynamicTest("spec " + i, () -> {
                String file = write("spec-" + i + ext, text);
                assertSuccessOrBadInput(cli("inspect", file), file, text);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> blockStrings() {
        Mutator m = new Mutator(SEED + 1);
        List<String> keys = List.of("r", "k", "s", "e", "i", "o", "se", "noskip", "x", "");
        List<String> small = List.of("1", "2", "3", "5", "6", "11", "22", "16", "24", "0.25");
        return IntStream.range(0, 300).mapToObj(i -> {
            StringBuilder b = new StringBuilder(m.pick(List.of("", "", "sep_", "conv_", "foo_")));
            int n = 3 + m.random().nextInt(7);
            for (int t = 0; t < n; t++) {
                String key = m.pick(keys);
                String value = key.equals("noskip") ? "" : m.random().nextBoolean() ? m.pick(small) : m.pick(Mutator.EXTREMES);
                b.append(t == 0 ? "" : "_").append(key).append(value);
            }
            String text = b.toString();
            return DynamicTest.dynamicTest("block string " + i + " " + text, () -> {
                switch (i % 3) {
                    case 0 -> assertParsesOrRefuses(() -> BlockStrings.parse(text, 1), "stage 1", text);
                    case 1 -> assertParsesOrRefuses(() -> BlockStrings.parseStem(text), "stem '", text);
                    default -> assertParsesOrRefuses(() -> BlockStrings.parseHead(text), "head '", text);
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> configs() throws IOException {
        List<String> bases = new ArrayList<>();
        for (String name : List.of("surrogate-dry-run.yaml", "fashion-mnist-search.yaml", "grid-only.yaml",
                "cluster.yaml")) {
            bases.add(Files.readString(Path.of("configs", name)));
        }
        Mutator m = new Mutator(SEED + 2);
        return IntStream.range(0, 250).mapToObj(i -> {
            String text = m.mutate(bases.get(i % bases.size()));
            return DynamicTest.dynamicTest("config " + i, () -> {
                Path file = Path.of(write("config-" + i + ".yaml", text));
                assertParsesOrRefuses(() -> ConfigLoader.load(file), file.toString(), text);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> searchSpaceFiles() {
        List<String> bases = List.of(BuiltinResources.text("/org/effnas/space/mnasnet-small.yaml"),
                BuiltinResources.text("/org/effnas/space/mnasnet.yaml"));
        Mutator m = new Mutator(SEED + 3);
        return IntStream.range(0, 250).mapToObj(i -> {
            String text = m.mutate(bases.get(i % bases.size()));
            return DynamicTest.dynamicTest("space " + i, () -> {
                Path file = Path.of(write("space-" + i + ".yaml", text));
                SearchSpace space = assertParsesOrRefuses(() -> SearchSpaces.load(file), file.toString(), text);
                if (space != null) {
                    // a space that loads is searchable: its candidates decode and cost without errors
                    space.size();
                    Random r = new Random(i);
                    for (int k = 0; k < 5; k++) {
                        CostModel.of(space.decode(space.random(r)));
                    }
                }
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> idxFiles() {
        Mutator m = new Mutator(SEED + 4);
        int[] sizes = {0, 1, 2, 3, 4, 28, 255, 256, 60_000, 65_536, 1 << 24, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        return IntStream.range(0, 200).mapToObj(i -> DynamicTest.dynamicTest("idx " + i, () -> {
            int count = 3;
            byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {count, 4, 4}, count * 16, m.random());
            byte[] labels = idx(IdxReader.LABELS_MAGIC, new int[] {count}, count, m.random());
            boolean mutateImages = m.random().nextBoolean();
            byte[] target = mutateImages ? images : labels;
            int headerInts = mutateImages ? 4 : 2;
            switch (m.random().nextInt(4)) {
                case 0 -> ByteBuffer.wrap(target).putInt(4 * m.random().nextInt(headerInts),
                        sizes[m.random().nextInt(sizes.length)]);
                case 1 -> target = java.util.Arrays.copyOf(target, m.random().nextInt(target.length + 1));
                case 2 -> target = java.util.Arrays.copyOf(target, target.length + 1 + m.random().nextInt(100));
                default -> target[m.random().nextInt(4 * headerInts)] = (byte) m.random().nextInt();
            }
            byte[] finalImages = mutateImages ? target : images;
            byte[] finalLabels = mutateImages ? labels : target;
            boolean gzip = m.random().nextBoolean();
            Path caseDir = Files.createDirectories(dir.resolve("idx-" + i));
            Path img = Files.write(caseDir.resolve("images"), gzip ? gzip(finalImages) : finalImages);
            Path lbl = Files.write(caseDir.resolve("labels"), gzip ? gzip(finalLabels) : finalLabels);
            assertParsesOrRefuses(() -> IdxReader.read(img, lbl, 10), caseDir.toString(), "idx case " + i);
        }));
    }

    @TestFactory
    Stream<DynamicTest> cifarFiles() {
        Mutator m = new Mutator(SEED + 5);
        return IntStream.range(0, 100).mapToObj(i -> DynamicTest.dynamicTest("cifar " + i, () -> {
            int records = m.random().nextInt(4);
            int extra = m.random().nextBoolean() ? 0 : m.random().nextInt(Cifar10Reader.RECORD_BYTES * 2) - 3000;
            int length = Math.max(0, records * Cifar10Reader.RECORD_BYTES + extra);
            byte[] b = new byte[length];
            m.random().nextBytes(b);
            for (int r = 0; r * Cifar10Reader.RECORD_BYTES < length && m.random().nextInt(4) > 0; r++) {
                b[r * Cifar10Reader.RECORD_BYTES] = (byte) m.random().nextInt(10);
            }
            Path file = Files.write(dir.resolve("cifar-" + i + ".bin"), m.random().nextBoolean() ? gzip(b) : b);
            assertParsesOrRefuses(() -> Cifar10Reader.read(List.of(file), 10), file.toString(), "cifar case " + i);
        }));
    }

    static byte[] idx(int magic, int[] dims, int body, Random r) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        while (b.hasRemaining()) {
            b.put((byte) r.nextInt(magic == IdxReader.LABELS_MAGIC ? 10 : 256));
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
