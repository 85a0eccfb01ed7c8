package org.effnas.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image folders written as PNG/JPEG from fixture images, then read back. */
class ImageFolderReaderTest {

    private static ImageSplit source;

    @BeforeAll
    static void readSource() {
        source = Fixtures.fashionMini(false).train();
    }

    private static BufferedImage gray(int i) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                image.getRaster().setSample(x, y, 0, source.pixel(i, 0, y, x));
            }
        }
        return image;
    }

    /** Red = the fixture image, green = its negative, blue = 7. */
    private static BufferedImage rgb(int i) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = source.pixel(i, 0, y, x);
                image.setRGB(x, y, (v << 16) | ((255 - v) << 8) | 7);
            }
        }
        return image;
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpeg";
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
    }

    @Test
    void grayscalePngsReadBackExactlyWithSortedClasses(@TempDir Path dir) throws IOException {
        // Class folders created out of order; images 0..5 go to "shoe", "bag", "coat" in turn.
        String[] classes = {"shoe", "bag", "coat"};
        for (int i = 0; i < 6; i++) {
            write(gray(i), dir.resolve(classes[i % 3]).resolve(String.format("img%02d.png", i)));
        }
        Files.writeString(dir.resolve("bag").resolve("notes.txt"), "ignored");
        Files.writeString(dir.resolve(".DS_Store"), "ignored");

        ImageFolderReader.ImageFolder folder = ImageFolderReader.read(dir, 0);

        assertEquals(List.of("bag", "coat", "shoe"), folder.classNames());
        ImageSplit split = folder.split();
        assertEquals(6, split.count());
        assertEquals(1, split.channels());
        assertArrayEquals(new int[]{0, 0, 1, 1, 2, 2}, split.labels());
        // bag holds images 1 and 4, coat 2 and 5, shoe 0 and 3, each sorted by file name.
        int[] sourceOf = {1, 4, 2, 5, 0, 3};
        for (int k = 0; k < 6; k++) {
            for (int y = 0; y < 28; y += 3) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(source.pixel(sourceOf[k], 0, y, x), split.pixel(k, 0, y, x));
                }
            }
        }
        assertEquals(64, split.sha256().length());
    }

    @Test
    void mixedGrayAndRgbBecomesRgb(@TempDir Path dir) throws IOException {
        write(rgb(0), dir.resolve("a/0.png"));
        write(gray(1), dir.resolve("b/1.png"));

        ImageSplit split = ImageFolderReader.read(dir, 0).split();

        assertEquals(3, split.channels());
        assertEquals(source.pixel(0, 0, 14, 12), split.pixel(0, 0, 14, 12));
        assertEquals(255 - source.pixel(0, 0, 14, 12), split.pixel(0, 1, 14, 12));
        assertEquals(7, split.pixel(0, 2, 14, 12));
        for (int c = 0; c < 3; c++) {
            assertEquals(source.pixel(1, 0, 14, 12), split.pixel(1, c, 14, 12), "gray repeated, channel " + c);
        }
    }

    @Test
    void jpegIsDecodedAndResizedToTheRequestedSize(@TempDir Path dir) throws IOException {
        write(rgb(2), dir.resolve("x/a.jpg"));
        BufferedImage big = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        write(big, dir.resolve("y/b.jpeg"));

        ImageSplit split = ImageFolderReader.read(dir, 16).split();

        assertEquals(2, split.count());
        assertEquals(3, split.channels());
        assertEquals(16, split.height());
        assertEquals(16, split.width());
        assertEquals(0, split.pixel(1, 0, 8, 8), 2, "a black JPEG stays black");
    }

    @Test
    void differentSizesWithoutATargetSizeAreReported(@TempDir Path dir) throws IOException {
        write(gray(0), dir.resolve("a/0.png"));
        Path odd = dir.resolve("b/1.png");
        write(new BufferedImage(20, 28, BufferedImage.TYPE_BYTE_GRAY), odd);

        DataFileException error = assertThrows(DataFileException.class, () -> ImageFolderReader.read(dir, 0));

        assertTrue(error.getMessage().startsWith(odd.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("is 20x28 but"), error.getMessage());
        assertTrue(error.getMessage().contains("--resolution R to effnas train"), error.getMessage());
    }

    @Test
    void unreadableImageAndEmptyClassAreReported(@TempDir Path dir) throws IOException {
        write(gray(0), dir.resolve("a/0.png"));
        Path broken = dir.resolve("a/1.png");
        Files.write(broken, new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        DataFileException unreadable = assertThrows(DataFileException.class, () -> ImageFolderReader.read(dir, 0));
        assertTrue(unreadable.getMessage().startsWith(broken.toString()), unreadable.getMessage());

        Files.delete(broken);
        Path empty = Files.createDirectories(dir.resolve("b"));
        DataFileException noImages = assertThrows(DataFileException.class, () -> ImageFolderReader.read(dir, 0));
        assertTrue(noImages.getMessage().startsWith(empty.toString()), noImages.getMessage());
        assertTrue(noImages.getMessage().contains("holds no .png, .jpg or .jpeg"), noImages.getMessage());
    }

    @Test
    void trainAndTestFoldersLoadAsSplits(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 4; i++) {
            write(gray(i), dir.resolve("train").resolve(i % 2 == 0 ? "even" : "odd").resolve(i + ".png"));
        }
        write(gray(10), dir.resolve("test/even/10.png"));
        write(gray(11), dir.resolve("test/odd/11.png"));

        ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.FOLDER, dir).withTest());

        assertEquals(List.of("even", "odd"), data.classNames());
        assertEquals(4, data.train().count());
        assertEquals(2, data.test().count());
        assertEquals(source.pixel(11, 0, 20, 9), data.test().pixel(1, 0, 20, 9));

        Files.createDirectories(dir.resolve("test/third"));
        write(gray(12), dir.resolve("test/third/12.png"));
        DataFileException mismatch = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.FOLDER, dir).withTest()));
        assertTrue(mismatch.getMessage().contains("has classes [even, odd, third]"), mismatch.getMessage());
    }
}
