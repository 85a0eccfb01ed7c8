package org.effnas.data;

import org.effnas.InvalidInputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an IDX copy can be damaged gives a one-line message naming the file, the problem and the fix. */
class IdxCorruptionTest {

    private static final String RAW_IMAGES = "train-images-idx3-ubyte";
    private static final String RAW_LABELS = "train-labels-idx1-ubyte";

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("truncated raw images", RAW_IMAGES,
                        (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length - 1000), "truncated: header announces"),
                Arguments.of("truncated gzip images", Fixtures.TRAIN_IMAGES,
                        (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2), "truncated gzip data"),
                Arguments.of("flipped magic, raw", RAW_IMAGES,
                        (UnaryOperator<byte[]>) b -> withByte(b, 3, 0x04), "found magic number 2052"),
                Arguments.of("flipped magic, gzip", Fixtures.TRAIN_IMAGES,
                        (UnaryOperator<byte[]>) b -> gzip(withByte(gunzip(b), 2, 0x09)), "found magic number 2307"),
                Arguments.of("bad label", RAW_LABELS,
                        (UnaryOperator<byte[]>) b -> withByte(b, 8 + 5, 12), "label 12 of example 5 is outside 0..9"),
                Arguments.of("label count differs", RAW_LABELS,
                        (UnaryOperator<byte[]>) b -> withByte(Arrays.copyOf(b, b.length - 1), 7, 999 & 0xff),
                        "labels but train-images-idx3-ubyte.gz holds 1000 images"),
                Arguments.of("extra bytes", RAW_IMAGES,
                        (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 10), "10 bytes more than"),
                Arguments.of("damaged gzip stream", Fixtures.TRAIN_LABELS,
                        (UnaryOperator<byte[]>) b -> withByte(b, b.length - 6, b[b.length - 6] ^ 0x5a),
                        "corrupt gzip data"),
                Arguments.of("empty file", RAW_LABELS,
                        (UnaryOperator<byte[]>) b -> new byte[0], "too short for an IDX header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void damagedCopyIsReportedWithFileProblemAndFix(String name, String file, UnaryOperator<byte[]> damage,
                                                    String expected, @TempDir Path dir) throws IOException {
        Fixtures.copyInto(dir);
        Path target = dir.resolve(file);
        if (!file.endsWith(".gz")) {
            Path gz = dir.resolve(file + ".gz");
            Files.write(target, gunzip(Files.readAllBytes(gz)));
            Files.delete(gz);
        }
        Files.write(target, damage.apply(Files.readAllBytes(target)));

        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir)));

        assertInstanceOf(DataFileException.class, error);
        String message = error.getMessage();
        assertTrue(message.startsWith(target.toString()), message);
        assertTrue(message.contains(expected), message);
        assertTrue(message.contains("; "), "a fix follows the problem: " + message);
        assertTrue(!message.contains("\n"), "one line: " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("swaps")
    void swappedFilesAreNamed(String name, String imagesName, String labelsName, String expected) {
        Path images = Fixtures.file(imagesName);
        Path labels = Fixtures.file(labelsName);
        DataFileException error = assertThrows(DataFileException.class, () -> IdxReader.read(images, labels, 10));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().contains("swapped"), error.getMessage());
    }

    static Stream<Arguments> swaps() {
        return Stream.of(
                Arguments.of("labels given as images", Fixtures.TRAIN_LABELS, Fixtures.TRAIN_LABELS,
                        "expected IDX images (2051) but found an IDX labels file (2049)"),
                Arguments.of("images given as labels", Fixtures.TRAIN_IMAGES, Fixtures.TRAIN_IMAGES,
                        "expected IDX labels (2049) but found an IDX images file (2051)"));
    }

    private static byte[] withByte(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] gunzip(byte[] bytes) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
