package org.effnas.data;

import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetLoaderTest {

    @Test
    void fashionMnistFromADataDirReadsTrainAndOnlyOnRequestTest() {
        ImageDataset trainOnly = Fixtures.fashionMini(false);
        ImageDataset both = Fixtures.fashionMini(true);

        assertEquals(DatasetKind.FASHION_MNIST, trainOnly.kind());
        assertEquals(DatasetLoader.FASHION_MNIST_CLASSES, trainOnly.classNames());
        assertEquals(1000, trainOnly.train().count());
        assertNull(trainOnly.test());
        assertFalse(trainOnly.hasTest());
        assertEquals(500, both.test().count());
        assertEquals(trainOnly.train().sha256(), both.train().sha256());
        assertNotEquals(trainOnly.sha256(), both.sha256());
    }

    @Test
    void rawFilesWithTheDottedMnistNamesAreFound(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("train-images.idx3-ubyte"), Fixtures.gunzipped(Fixtures.TRAIN_IMAGES));
        Files.write(dir.resolve("train-labels.idx1-ubyte"), Fixtures.gunzipped(Fixtures.TRAIN_LABELS));

        ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.MNIST, dir));

        assertEquals(DatasetLoader.MNIST_CLASSES, data.classNames());
        assertEquals(1000, data.train().count());
    }

    @Test
    void mnistWithoutDataDirSaysDebianHasNoPackageAndWhatToPass() {
        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.MNIST, null)));
        assertEquals("MNIST not found: Debian ships no MNIST package, so pass --data DIR holding"
                + " train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz (plus t10k-images-idx3-ubyte.gz and"
                + " t10k-labels-idx1-ubyte.gz for the test split; gzip or raw)", error.getMessage());
    }

    @Test
    void missingPackageSaysWhichPackageToInstallOrWhatToPass(@TempDir Path dir) {
        Path packageDir = dir.resolve("fashion-mnist");
        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null), packageDir));
        assertEquals("Fashion-MNIST not found in " + packageDir + ": run `sudo apt-get install"
                + " dataset-fashion-mnist` or pass --data DIR holding train-images-idx3-ubyte.gz and"
                + " train-labels-idx1-ubyte.gz (plus t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz for"
                + " the test split; gzip or raw)", error.getMessage());
    }

    @Test
    void packageFolderIsUsedWhenNoDataDirIsGiven() {
        ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null),
                Fixtures.fashionMiniDir());
        assertEquals(1000, data.train().count());
    }

    @Test
    void missingFileInDataDirIsNamed(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.file(Fixtures.TRAIN_IMAGES), dir.resolve(Fixtures.TRAIN_IMAGES));

        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir)));

        assertTrue(error.getMessage().startsWith("Fashion-MNIST not found in " + dir
                + ": no train-labels-idx1-ubyte[.gz]; put train-images-idx3-ubyte.gz and"), error.getMessage());
    }

    @Test
    void testSplitMissingIsNamedOnlyWhenAskedFor(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.file(Fixtures.TRAIN_IMAGES), dir.resolve(Fixtures.TRAIN_IMAGES));
        Files.copy(Fixtures.file(Fixtures.TRAIN_LABELS), dir.resolve(Fixtures.TRAIN_LABELS));

        assertEquals(1000, DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir)).train().count());
        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, dir).withTest()));
        assertTrue(error.getMessage().contains("no t10k-images-idx3-ubyte[.gz]"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DatasetKind.class)
    void dataDirThatIsNotAFolderIsReportedForEveryKind(DatasetKind kind, @TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        DatasetNotFoundException error = assertThrows(DatasetNotFoundException.class,
                () -> DatasetLoader.load(DatasetRequest.of(kind, missing)));
        assertTrue(error.getMessage().contains("--data " + missing + " is not a folder"), error.getMessage());
        assertTrue(error.getMessage().contains("pass --data DIR holding"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(DatasetKind.class)
    void everyKindParsesFromItsIdAndKnowsWhetherFlipsAreAllowed(DatasetKind kind) {
        assertEquals(kind, DatasetKind.parse(kind.id()));
        assertEquals(kind, DatasetKind.parse(" " + kind.id().toUpperCase() + " "));
        assertTrue(kind.flipAllowed() || !kind.flipByDefault());
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        InvalidInputException error = assertThrows(InvalidInputException.class, () -> DatasetKind.parse("imagenet"));
        assertEquals("dataset: unknown dataset 'imagenet'; use one of fashion-mnist, mnist, cifar10, folder",
                error.getMessage());
    }

    @Test
    void imageSizeIsRefusedForFixedSizeDatasets() {
        InvalidInputException error = assertThrows(InvalidInputException.class,
                () -> DatasetRequest.of(DatasetKind.CIFAR10, null).withImageSize(64));
        assertTrue(error.getMessage().startsWith("image size (--resolution): only applies to the folder dataset"));
    }
}
