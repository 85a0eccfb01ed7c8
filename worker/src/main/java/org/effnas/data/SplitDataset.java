package org.effnas.data;

import org.effnas.InvalidInputException;

import java.util.stream.IntStream;

/**
 * A dataset divided for a search: TRAIN (the training split less a stratified, seeded minival, cut to
 * the subset size if one is set), MINIVAL and, when it was read, TEST; the normalisation measured on
 * TRAIN; and each split resized to the resolutions candidates ask for, built once and cached.
 * Thread-safe: several trainers may share one instance.
 */
public final class SplitDataset {

    /** Default memory budget of the float copies: 3 GiB. */
    public static final long DEFAULT_CACHE_BYTES = 3L << 30;

    private final ImageDataset source;
    private final SplitOptions options;
    private final int[] trainIndices;
    private final int[] minivalIndices;
    private final ImageSplit train;
    private final ImageSplit minival;
    private final Normalization normalization;
    private final ResolutionCache cache;

    private SplitDataset(ImageDataset source, SplitOptions options, long cacheBytes) {
        this.source = source;
        this.options = options;
        ImageSplit all = source.train();
        int n = all.count();
        if (n < 2) {
            throw new InvalidInputException(source.kind() + ": the training split holds " + n
                    + " image(s); at least 2 are needed to hold out a minival split");
        }
        int minivalCount = (int) Math.max(1, Math.min(n - 1, Math.round(options.minivalFraction() * n)));
        int[] everything = IntStream.range(0, n).toArray();
        StratifiedSampler.Draw held = StratifiedSampler.draw(everything, all.labels(), source.numClasses(),
                minivalCount, options.seed());
        int[] rest = held.rest();
        if (options.subset() > rest.length) {
            throw new InvalidInputException("training.subset: " + options.subset() + " exceeds the " + rest.length
                    + " training images left after holding out minival; lower it or use 0 for all");
        }
        if (options.subset() > 0 && options.subset() < rest.length) {
            // A different seed stream from minival's, so the minival images never depend on the subset size.
            rest = StratifiedSampler.draw(rest, all.labels(), source.numClasses(), options.subset(),
                    ~options.seed()).chosen();
        }
        this.minivalIndices = held.chosen();
        this.trainIndices = rest;
        this.train = all.select(trainIndices);
        this.minival = all.select(minivalIndices);
        this.normalization = Normalization.of(train);
        this.cache = new ResolutionCache(cacheBytes);
    }

    /** Divides a dataset, with the default cache budget. */
    public static SplitDataset of(ImageDataset source, SplitOptions options) {
        return new SplitDataset(source, options, DEFAULT_CACHE_BYTES);
    }

    /** Divides a dataset; {@code cacheBytes} bounds the memory of cached float copies. */
    public static SplitDataset of(ImageDataset source, SplitOptions options, long cacheBytes) {
        return new SplitDataset(source, options, cacheBytes);
    }

    public ImageDataset source() {
        return source;
    }

    public SplitOptions options() {
        return options;
    }

    /** Per-channel statistics of TRAIN, applied to every split. */
    public Normalization normalization() {
        return normalization;
    }

    /** Positions in the source training split that form TRAIN, ascending. */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** Positions in the source training split that form MINIVAL, ascending. */
    public int[] minivalIndices() {
        return minivalIndices.clone();
    }

    /** The images of a split as stored (uint8, native size). */
    public ImageSplit split(SplitName name) {
        return switch (name) {
            case TRAIN -> train;
            case MINIVAL -> minival;
            case TEST -> {
                if (source.test() == null) {
                    throw new IllegalStateException(source.kind() + ": the test split was not read; load with"
                            + " DatasetRequest.withTest() to evaluate on it");
                }
                yield source.test();
            }
        };
    }

    /** Checksum of the files a split came from (TRAIN and MINIVAL: the training files). */
    public String checksum(SplitName name) {
        return split(name).sha256();
    }

    /** Dataset and split for provenance, e.g. {@code fashion-mnist/minival}. */
    public String describe(SplitName name) {
        return source.kind().id() + "/" + name.id();
    }

    /**
     * A split resized (bilinear) to {@code resolution} x {@code resolution} and normalised with the TRAIN
     * statistics, built on first use and cached. At the split's own size nothing is copied: the images
     * are its bytes, normalised as they are read.
     */
    public FloatImages floats(SplitName name, int resolution) {
        ImageSplit images = split(name);
        if (resolution < 1) {
            throw new InvalidInputException("resolution: must be >= 1 pixel, got " + resolution);
        }
        long floats = (long) images.count() * images.channels() * resolution * resolution;
        if (floats > Integer.MAX_VALUE - 64) {
            throw new InvalidInputException("resolution: " + describe(name) + " at " + resolution + " px needs "
                    + floats + " floats, more than one Java array holds; lower the resolution or set"
                    + " training.subset");
        }
        return cache.get(name, resolution, () -> build(images, resolution));
    }

    private FloatImages build(ImageSplit images, int resolution) {
        if (images.height() == resolution && images.width() == resolution) {
            return FloatImages.normalising(images.pixels(), normalization.scale(), normalization.shift(),
                    images.labels(), images.channels(), resolution, source.numClasses());
        }
        BilinearResize resample = BilinearResize.of(images.height(), images.width(), resolution, resolution);
        int channels = images.channels();
        int inSize = images.imageBytes();
        int outSize = channels * resolution * resolution;
        float[] out = new float[images.count() * outSize];
        float[] scale = normalization.scale();
        float[] shift = normalization.shift();
        IntStream.range(0, images.count()).parallel().forEach(i ->
                resample.apply(images.pixels(), i * inSize, channels, out, i * outSize, scale, shift));
        return FloatImages.of(out, images.labels(), channels, resolution, source.numClasses());
    }

    /**
     * Iterates TRAIN at a resolution, reshuffled every epoch from {@code seed}, with augmentation.
     * Flipping digits is refused.
     */
    public InMemoryImageIterator trainIterator(int resolution, int batchSize, Augmentation augmentation, long seed) {
        if (augmentation.flip() && !source.kind().flipAllowed()) {
            throw new InvalidInputException("augmentation.flip: a mirrored " + source.kind().id()
                    + " image is a different class; turn flip off");
        }
        return new InMemoryImageIterator(floats(SplitName.TRAIN, resolution), source.classNames(), batchSize, true,
                augmentation, normalization.shift(), seed);
    }

    /** Iterates a split in stored order without augmentation, for evaluation. */
    public InMemoryImageIterator evalIterator(SplitName name, int resolution, int batchSize) {
        return new InMemoryImageIterator(floats(name, resolution), source.classNames(), batchSize, false,
                Augmentation.none(), normalization.shift(), 0L);
    }

    /** Float copies currently cached (for tests and memory reports). */
    int cachedEntries() {
        return cache.size();
    }
}
