package org.effnas.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints how long the data path takes on a real dataset: reading, splitting, building the float copy
 * at each resolution, and assembling 128-image batches with and without augmentation. A benchmark,
 * not a test: it prints figures and asserts nothing.
 *
 * <pre>java -cp worker.jar:deps org.effnas.data.DataBenchmark [dataset] [data-dir] [resolution...]</pre>
 * Defaults: {@code fashion-mnist}, the Debian folder, resolutions 28 and 64.
 */
public final class DataBenchmark {

    private static final int BATCH = 128;

    private DataBenchmark() {
    }

    public static void main(String[] args) {
        DatasetKind kind = DatasetKind.parse(args.length > 0 ? args[0] : "fashion-mnist");
        Path dir = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
        int[] resolutions = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{28, 64};

        long start = System.nanoTime();
        ImageDataset data = DatasetLoader.load(DatasetRequest.of(kind, dir));
        print("read %s train: %d images %dx%dx%d in %.0f ms (sha256 %s...)", kind, data.train().count(),
                data.channels(), data.height(), data.width(), ms(start), data.sha256().substring(0, 12));

        start = System.nanoTime();
        SplitDataset split = SplitDataset.of(data, SplitOptions.defaults());
        print("split: %d train / %d minival, normalisation %s in %.0f ms", split.split(SplitName.TRAIN).count(),
                split.split(SplitName.MINIVAL).count(), split.normalization(), ms(start));

        for (int resolution : resolutions) {
            start = System.nanoTime();
            FloatImages floats = split.floats(SplitName.TRAIN, resolution);
            print("floats @%d px: %.0f MB built in %.0f ms (bilinear + normalise, %d threads)", resolution,
                    floats.bytes() / 1e6, ms(start), Runtime.getRuntime().availableProcessors());
            for (Augmentation augmentation : new Augmentation[]{Augmentation.none(),
                    new Augmentation(true, -1, kind.flipAllowed())}) {
                InMemoryImageIterator it = split.trainIterator(resolution, BATCH, augmentation, 1);
                drain(it);
                it.reset();
                int epochs = 3;
                long batches = 0;
                start = System.nanoTime();
                for (int e = 0; e < epochs; e++) {
                    batches += drain(it);
                    it.reset();
                }
                double perBatch = ms(start) / batches;
                print("  iterator @%d px, batch %d, %s: %.3f ms per batch (%.0f images/ms), %d batches timed",
                        resolution, BATCH, augmentation.isNone() ? "no augmentation"
                                : "crop pad " + augmentation.paddingAt(resolution)
                                + (augmentation.flip() ? " + flip" : ""),
                        perBatch, BATCH / perBatch, batches);
            }
        }
    }

    private static long drain(InMemoryImageIterator it) {
        long batches = 0;
        while (it.hasNext()) {
            it.next();
            batches++;
        }
        return batches;
    }

    private static double ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
