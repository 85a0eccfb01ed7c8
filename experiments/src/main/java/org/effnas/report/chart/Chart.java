package org.effnas.report.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/** A chart that draws itself into an image; PNG bytes for files and data URIs. */
public interface Chart {

    /** The file name stem, e.g. {@code accuracy-vs-macs}. */
    String name();

    String title();

    BufferedImage render();

    default byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(render(), "png", out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes {@code name().png} into the directory and returns the PNG bytes. */
    default byte[] writePng(Path dir) throws IOException {
        byte[] bytes = png();
        Files.write(dir.resolve(name() + ".png"), bytes);
        return bytes;
    }

    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
