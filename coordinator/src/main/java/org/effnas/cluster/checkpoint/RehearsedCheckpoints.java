package org.effnas.cluster.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;

/**
 * Rehearses a cluster's checkpoint traffic around an evaluator that writes none (the surrogate, a
 * synthetic one): each rung writes a checkpoint of a set size whose bytes are derived from the
 * checkpoint it continues, and a promotion whose checkpoint is not on its worker's disk fails, as a
 * trainer's would. So the bytes that reach the coordinator after a promotion prove which checkpoint it
 * continued. The result is the wrapped evaluator's, unchanged.
 */
public final class RehearsedCheckpoints implements BlockingEvaluator {

    private final CheckpointFiles files;
    private final BlockingEvaluator results;
    private final int bytes;

    public RehearsedCheckpoints(CheckpointFiles files, BlockingEvaluator results, int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("rehearsed checkpoints need at least 1 byte, got " + bytes);
        }
        this.files = files;
        this.results = results;
        this.bytes = bytes;
    }

    /** The {@code bytes}-byte checkpoint rung {@code f} writes after continuing {@code previous} (null: from scratch). */
    public static byte[] next(Fidelity f, byte[] previous, int bytes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((f.checkpoint() + "@" + f.steps()).getBytes(StandardCharsets.UTF_8));
            if (previous != null) {
                d.update(previous);
            }
            byte[] block = d.digest();
            byte[] out = new byte[bytes];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (block[i % block.length] + i / block.length);
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public EvalResult evaluate(Candidate c, String workerId) {
        Fidelity f = c.fidelity();
        if (f == null) {
            return results.evaluate(c, workerId);
        }
        try {
            byte[] previous = null;
            if (!f.startsFresh()) {
                if (!files.contains(f.resumeFrom())) {
                    throw new IllegalStateException("checkpoint " + f.resumeFrom() + " is not on this worker");
                }
                try (InputStream in = files.open(f.resumeFrom())) {
                    previous = in.readAllBytes();
                }
            }
            files.receive(f.checkpoint(), new ByteArrayInputStream(next(f, previous, bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results.evaluate(c, workerId);
    }
}
