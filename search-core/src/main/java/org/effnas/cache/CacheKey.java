package org.effnas.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalJson;
import org.effnas.eval.TrainingSettings;

/**
 * What makes two evaluations the same: the canonical spec, the training settings, the training seed,
 * the dataset (name and checksum) and the kind of evaluator. Equal keys are never trained twice.
 *
 * @param dataset dataset identity including its checksum, e.g. {@code fashion-mnist@sha256:ab12...};
 *                for the surrogate, its model version and calibration
 */
public record CacheKey(String specKey, TrainingSettings training, long seed, String dataset, String evaluatorKind) {

    public CacheKey {
        if (specKey == null || training == null || dataset == null || evaluatorKind == null) {
            throw new IllegalArgumentException("cache key: every part is required");
        }
    }

    public static CacheKey of(Candidate c, String dataset, String evaluatorKind) {
        return new CacheKey(c.specKey(), c.training(), c.seed(), dataset, evaluatorKind);
    }

    /** SHA-256 (hex) of all parts: the key the cache files are indexed by. */
    public String hash() {
        String text = String.join("\n", evaluatorKind, dataset, Long.toString(seed),
                EvalJson.training(training).toString(), specKey);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
