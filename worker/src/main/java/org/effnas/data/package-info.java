/**
 * Datasets for training candidates: readers for IDX (MNIST, Fashion-MNIST), the CIFAR-10 binary
 * format and image folders; an in-memory uint8 dataset with SHA-256 provenance; a seeded, stratified
 * minival split; bilinear resizing to a candidate's resolution, normalised and cached; and a fast
 * DL4J {@link org.nd4j.linalg.dataset.api.iterator.DataSetIterator} with optional crop/flip augmentation.
 *
 * <pre>{@code
 * ImageDataset data = DatasetLoader.load(DatasetRequest.of(DatasetKind.FASHION_MNIST, null)); // null: Debian dir
 * SplitDataset splits = SplitDataset.of(data, SplitOptions.from(training, experimentSeed));   // share it
 * DataSetIterator train = splits.trainIterator(resolution, training.batchSize(),
 *         Augmentation.forTraining(data.kind(), training.augment()), candidateSeed);
 * DataSetIterator minival = splits.evalIterator(SplitName.MINIVAL, resolution, 256);
 * net.fit(train, epochs);                        // reset() between epochs reshuffles from (seed, epoch)
 * String dataset = splits.describe(SplitName.MINIVAL);   // "fashion-mnist/minival", for Provenance
 * String checksum = splits.checksum(SplitName.MINIVAL);  // SHA-256 of the files read
 * }</pre>
 *
 * Bad or missing data files raise {@link org.effnas.data.DataFileException} or
 * {@link org.effnas.data.DatasetNotFoundException} (both {@link org.effnas.InvalidInputException}s) with
 * a one-line message naming the file and the fix. See {@code docs/data.md}.
 */
package org.effnas.data;
