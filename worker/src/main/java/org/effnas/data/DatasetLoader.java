package org.effnas.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a dataset's files ({@code --data DIR}, or where the Debian package installs them) and reads
 * them into memory. When files are missing, the {@link DatasetNotFoundException} says where it
 * looked and exactly what to install or pass.
 */
public final class DatasetLoader {

    /** Fashion-MNIST's class names, in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST's class names: the digits. */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String IDX_FILES = "train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz (plus"
            + " t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz for the test split; gzip or raw)";
    private static final String CIFAR_FILES = "the CIFAR-10 binary version's data_batch_1.bin .. data_batch_5.bin"
            + " (plus test_batch.bin for the test split), i.e. the extracted cifar-10-batches-bin folder";
    private static final String FOLDER_LAYOUT = "one subfolder of PNG/JPEG images per class, or train/ and test/"
            + " folders each holding one subfolder per class";

    private DatasetLoader() {
    }

    /** Reads the dataset a request names. */
    public static ImageDataset load(DatasetRequest request) {
        String debian = request.kind().debianDir();
        return load(request, debian == null ? null : Path.of(debian));
    }

    /** {@link #load(DatasetRequest)} with another package folder, so tests can stand in for a missing one. */
    static ImageDataset load(DatasetRequest request, Path packageDir) {
        return switch (request.kind()) {
            case FASHION_MNIST -> loadIdx(request, packageDir, "Fashion-MNIST", FASHION_MNIST_CLASSES);
            case MNIST -> loadIdx(request, packageDir, "MNIST", MNIST_CLASSES);
            case CIFAR10 -> loadCifar10(request, packageDir);
            case FOLDER -> loadFolder(request);
        };
    }

    private static Path dataDir(DatasetRequest request, Path packageDir, String title, String files) {
        Path dir = request.dataDir();
        if (dir == null) {
            if (packageDir == null) {
                throw new DatasetNotFoundException(title + " not found: Debian ships no " + title
                        + " package, so pass --data DIR holding " + files);
            }
            dir = packageDir;
            if (!Files.isDirectory(dir)) {
                throw new DatasetNotFoundException(title + " not found in " + dir + ": run `sudo apt-get install "
                        + "dataset-" + request.kind().id() + "` or pass --data DIR holding " + files);
            }
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(title + " not found: --data " + dir + " is not a folder; pass --data"
                    + " DIR holding " + files);
        }
        return dir;
    }

    private static String missingHint(DatasetRequest request, String title, Path dir, String missing,
                                      String files) {
        String where = request.dataDir() == null && request.kind().debianDir() != null
                ? "run `sudo apt-get install dataset-" + request.kind().id() + "` or pass --data DIR holding " + files
                : "put " + files + " in " + dir;
        return title + " not found in " + dir + ": no " + missing + "; " + where;
    }

    private static ImageDataset loadIdx(DatasetRequest request, Path packageDir, String title,
                                        List<String> classes) {
        Path dir = dataDir(request, packageDir, title, IDX_FILES);
        ImageSplit train = IdxReader.read(idxFile(request, title, dir, "train-images", "idx3"),
                idxFile(request, title, dir, "train-labels", "idx1"), classes.size());
        ImageSplit test = null;
        if (request.includeTest()) {
            test = IdxReader.read(idxFile(request, title, dir, "t10k-images", "idx3"),
                    idxFile(request, title, dir, "t10k-labels", "idx1"), classes.size());
        }
        return ImageDataset.of(request.kind(), classes, train, test);
    }

    /** The first of the usual spellings that exists: {@code x-idx3-ubyte.gz}, {@code x-idx3-ubyte}, {@code x.idx3-ubyte}. */
    private static Path idxFile(DatasetRequest request, String title, Path dir, String stem, String idx) {
        List<String> names = List.of(stem + "-" + idx + "-ubyte.gz", stem + "-" + idx + "-ubyte",
                stem + "." + idx + "-ubyte", stem + "." + idx + "-ubyte.gz");
        for (String name : names) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DatasetNotFoundException(missingHint(request, title, dir, stem + "-" + idx + "-ubyte[.gz]",
                IDX_FILES));
    }

    private static ImageDataset loadCifar10(DatasetRequest request, Path packageDir) {
        Path dir = dataDir(request, packageDir, "CIFAR-10", CIFAR_FILES);
        Path nested = dir.resolve("cifar-10-batches-bin");
        if (!Files.isRegularFile(dir.resolve(Cifar10Reader.TRAIN_FILES.get(0))) && Files.isDirectory(nested)) {
            dir = nested;
        }
        List<Path> trainFiles = new ArrayList<>();
        for (String name : Cifar10Reader.TRAIN_FILES) {
            trainFiles.add(cifarFile(request, dir, name));
        }
        List<String> classes = Cifar10Reader.classNames(dir);
        ImageSplit train = Cifar10Reader.read(trainFiles, classes.size());
        ImageSplit test = request.includeTest()
                ? Cifar10Reader.read(List.of(cifarFile(request, dir, Cifar10Reader.TEST_FILE)), classes.size())
                : null;
        return ImageDataset.of(request.kind(), classes, train, test);
    }

    private static Path cifarFile(DatasetRequest request, Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new DatasetNotFoundException(missingHint(request, "CIFAR-10", dir, name, CIFAR_FILES));
        }
        return file;
    }

    private static ImageDataset loadFolder(DatasetRequest request) {
        if (request.dataDir() == null) {
            throw new DatasetNotFoundException("folder dataset: pass --data DIR holding " + FOLDER_LAYOUT);
        }
        Path dir = dataDir(request, null, "image folder", FOLDER_LAYOUT);
        Path trainDir = Files.isDirectory(dir.resolve("train")) ? dir.resolve("train") : dir;
        ImageFolderReader.ImageFolder train = ImageFolderReader.read(trainDir, request.imageSize());
        ImageSplit test = null;
        if (request.includeTest()) {
            Path testDir = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test") : dir.resolve("val");
            if (trainDir.equals(dir) || !Files.isDirectory(testDir)) {
                throw new DatasetNotFoundException("image folder " + dir + " has no test split: arrange it as "
                        + dir.resolve("train") + "/CLASS/... and " + dir.resolve("test") + "/CLASS/...");
            }
            ImageFolderReader.ImageFolder testFolder = ImageFolderReader.read(testDir, request.imageSize());
            if (!testFolder.classNames().equals(train.classNames())) {
                throw new DataFileException(testDir, "has classes " + testFolder.classNames() + " but "
                        + trainDir + " has " + train.classNames(), "give both splits the same class subfolders");
            }
            test = testFolder.split();
            if (test.height() != train.split().height() || test.width() != train.split().width()
                    || test.channels() != train.split().channels()) {
                throw new DataFileException(testDir, "images are " + test.channels() + "x" + test.height() + "x"
                        + test.width() + " but training images are " + train.split().channels() + "x"
                        + train.split().height() + "x" + train.split().width(),
                        "use images of one size and colour mode in both splits (effnas train --resolution R resizes both)");
            }
        }
        return ImageDataset.of(request.kind(), train.classNames(), train.split(), test);
    }
}
