package org.effnas.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder with one subfolder per class (the folder name is the class name; classes sorted by
 * name) holding PNG or JPEG images, decoded with {@code javax.imageio}. Files with other extensions
 * and hidden files are ignored. The split is grayscale when every image is, RGB otherwise (gray
 * images are then repeated over the three channels; alpha is dropped).
 */
public final class ImageFolderReader {

    /** Class names (sorted) and the images of one folder. */
    public record ImageFolder(List<String> classNames, ImageSplit split) {
    }

    private ImageFolderReader() {
    }

    /**
     * Reads one split folder.
     *
     * @param dir       holds one subfolder per class
     * @param imageSize resize every image to this square size; 0 = keep the size, which must then be
     *                  the same for every image
     */
    public static ImageFolder read(Path dir, int imageSize) {
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw new DataFileException(dir, "has no class subfolders",
                    "put each class's images in its own subfolder, e.g. " + dir.resolve("cat") + "/0001.png");
        }
        List<String> classNames = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<Boolean> gray = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        MessageDigest digest = Sha256.digest();
        int height = -1;
        int width = -1;
        Path first = null;
        for (Path classDir : classDirs) {
            String className = classDir.getFileName().toString();
            List<Path> files = list(classDir).stream().filter(ImageFolderReader::isImageFile).toList();
            if (files.isEmpty()) {
                throw new DataFileException(classDir, "class folder holds no .png, .jpg or .jpeg file",
                        "add its images or remove the folder");
            }
            int label = classNames.size();
            classNames.add(className);
            for (Path file : files) {
                byte[] stored = readBytes(file);
                digest.update((className + "/" + file.getFileName()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(stored);
                BufferedImage image = decode(file, stored);
                boolean isGray = image.getColorModel().getNumColorComponents() == 1;
                byte[] pixels = isGray ? grayPixels(image) : rgbPixels(image);
                int channels = isGray ? 1 : 3;
                int h = image.getHeight();
                int w = image.getWidth();
                if (imageSize > 0 && (h != imageSize || w != imageSize)) {
                    pixels = BilinearResize.of(h, w, imageSize, imageSize).applyToBytes(pixels, 0, channels);
                    h = imageSize;
                    w = imageSize;
                }
                if (first == null) {
                    first = file;
                    height = h;
                    width = w;
                } else if (h != height || w != width) {
                    throw new DataFileException(file, "is " + w + "x" + h + " but " + first + " is " + width + "x"
                            + height, "resize the images to one size, or pass --resolution R to effnas train"
                            + " so each is resized to R x R when read");
                }
                images.add(pixels);
                gray.add(isGray);
                labels.add(label);
            }
        }
        boolean allGray = !gray.contains(Boolean.FALSE);
        int channels = allGray ? 1 : 3;
        int plane = height * width;
        byte[] all = new byte[images.size() * channels * plane];
        for (int i = 0; i < images.size(); i++) {
            int at = i * channels * plane;
            byte[] pixels = images.get(i);
            if (gray.get(i) && !allGray) {
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(pixels, 0, all, at + c * plane, plane);
                }
            } else {
                System.arraycopy(pixels, 0, all, at, pixels.length);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        String sha = HexFormat.of().formatHex(digest.digest());
        return new ImageFolder(classNames, ImageSplit.of(all, labelArray, channels, height, width, sha));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(dir, "is not a folder", "pass --data DIR with one subfolder per class");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DataFileException(dir, "cannot list (" + e.getMessage() + ")", "check its permissions", e);
        }
    }

    private static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg")
                || name.endsWith(".jpeg"));
    }

    /** Largest image file read: 64 MiB. */
    static final long MAX_IMAGE_BYTES = 64L << 20;
    /** Largest decoded image: 64 M pixels (a small PNG can announce a huge canvas). */
    static final long MAX_IMAGE_PIXELS = 64L << 20;

    private static byte[] readBytes(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read (" + e.getMessage() + ")", "check its permissions", e);
        }
        if (size > MAX_IMAGE_BYTES) {
            throw new DataFileException(file, size + " bytes, more than the " + MAX_IMAGE_BYTES + " read per image",
                    "resize the image or delete it");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot read (" + e.getMessage() + ")", "check its permissions", e);
        }
    }

    /** Refuses an image whose header announces more than {@link #MAX_IMAGE_PIXELS}, before decoding it. */
    private static void checkDimensions(Path file, byte[] stored) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(stored))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return; // decode() reports it as unrecognised
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_IMAGE_PIXELS) {
                    throw new DataFileException(file, "announces " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels, more than the " + MAX_IMAGE_PIXELS + " decoded per image",
                            "resize the image or delete it");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFileException bad) {
                throw bad;
            }
            // an unreadable header is reported by decode()
        }
    }

    private static BufferedImage decode(Path file, byte[] stored) {
        checkDimensions(file, stored);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(stored));
        } catch (IOException | RuntimeException e) {
            throw new DataFileException(file, "not a readable PNG or JPEG (" + e.getMessage() + ")",
                    "re-export the image or delete it", e);
        }
        if (image == null) {
            throw new DataFileException(file, "not a PNG or JPEG image (no decoder recognised it)",
                    "re-export the image as PNG or JPEG or delete it");
        }
        return image;
    }

    /** The gray band scaled to 0..255 whatever its bit depth (8-bit and 16-bit PNGs). */
    private static byte[] grayPixels(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bits = image.getColorModel().getComponentSize(0);
        int max = (1 << bits) - 1;
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] out = new byte[w * h];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) (bits == 8 ? samples[i] : Math.round(samples[i] * 255.0 / max));
        }
        return out;
    }

    /** Red, green and blue planes (C x H x W) of the sRGB pixels. */
    private static byte[] rgbPixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (byte) (p >> 16);
            out[plane + i] = (byte) (p >> 8);
            out[2 * plane + i] = (byte) p;
        }
        return out;
    }
}
