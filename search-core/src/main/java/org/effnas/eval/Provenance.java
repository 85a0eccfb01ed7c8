package org.effnas.eval;

/**
 * Where a result came from, carried by every result so it can be reproduced or distrusted.
 *
 * @param evaluator     {@code dl4j}, {@code surrogate} (analytic, not a trained network) or another kind
 * @param seed          the candidate's seed
 * @param training      the training recipe used
 * @param dataset       dataset name and split, e.g. {@code fashion-mnist/minival}
 * @param dataChecksum  SHA-256 of the dataset files as read (empty for the surrogate)
 * @param codeVersion   effnas version and git commit
 */
public record Provenance(String evaluator, long seed, TrainingSettings training, String dataset,
                         String dataChecksum, String codeVersion) {
}
