package org.effnas.cluster.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Set;
import org.effnas.cluster.bench.SleepingEvaluator;
import org.effnas.cluster.checkpoint.CheckpointFiles;
import org.effnas.eval.BlockingEvaluator;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;
import org.effnas.eval.Fidelity;

/**
 * A synthetic trainer with real checkpoint bytes: a rung's checkpoint is {@link #BYTES} bytes derived
 * from the checkpoint it continues (so a promotion that read the wrong bytes writes a different
 * checkpoint), and a promotion whose checkpoint is not on its worker's disk fails, as DL4J's would.
 */
public final class ChainedCheckpointEvaluator implements BlockingEvaluator {

    /** Two and a half chunks. */
    public static final int BYTES = (5 << 20) / 2;

    private final CheckpointFiles files;
    private final SleepingEvaluator results = SleepingEvaluator.of(Duration.ofMillis(50), Set.of());

    public ChainedCheckpointEvaluator(CheckpointFiles files) {
        this.files = files;
    }

    /** The checkpoint rung {@code f} writes after continuing {@code previous} (null: from scratch). */
    public static byte[] next(Fidelity f, byte[] previous) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((f.checkpoint() + "@" + f.steps()).getBytes(StandardCharsets.UTF_8));
            if (previous != null) {
                d.update(previous);
            }
            byte[] block = d.digest();
            byte[] out = new byte[BYTES];
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
            files.receive(f.checkpoint(), new ByteArrayInputStream(next(f, previous)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results.evaluate(c, workerId);
    }
}
