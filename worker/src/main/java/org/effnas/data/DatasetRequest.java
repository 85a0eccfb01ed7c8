package org.effnas.data;

import org.effnas.InvalidInputException;

import java.nio.file.Path;

/**
 * What to load: which dataset, from where, and whether the test split may be read at all (searches
 * never look at it; only a final report asks for it).
 *
 * @param kind        the dataset format
 * @param dataDir     the folder holding the files ({@code --data DIR}); null = the Debian package's folder
 * @param includeTest read the test split too
 * @param imageSize   folder datasets only: resize every image to this square size when stored
 *                    (0 = keep the stored size, which must then be the same for every image)
 */
public record DatasetRequest(DatasetKind kind, Path dataDir, boolean includeTest, int imageSize) {

    public DatasetRequest {
        if (kind == null) {
            throw new InvalidInputException("dataset: missing; use one of fashion-mnist, mnist, cifar10, folder");
        }
        if (imageSize < 0) {
            throw new InvalidInputException("image size (--resolution): must be >= 0 (0 = as stored), got " + imageSize);
        }
        if (imageSize > 0 && kind != DatasetKind.FOLDER) {
            throw new InvalidInputException("image size (--resolution): only applies to the folder dataset, not " + kind.id()
                    + "; remove it (candidates are resized to their own resolution anyway)");
        }
    }

    /** The training split of a dataset, from {@code dataDir} or (when null) the Debian location. */
    public static DatasetRequest of(DatasetKind kind, Path dataDir) {
        return new DatasetRequest(kind, dataDir, false, 0);
    }

    /** The same request, also reading the test split. */
    public DatasetRequest withTest() {
        return new DatasetRequest(kind, dataDir, true, imageSize);
    }

    /** The same request with folder images resized to {@code size} x {@code size} when stored. */
    public DatasetRequest withImageSize(int size) {
        return new DatasetRequest(kind, dataDir, includeTest, size);
    }
}
