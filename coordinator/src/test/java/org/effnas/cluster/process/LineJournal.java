package org.effnas.cluster.process;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.effnas.cluster.journal.ResultJournal;
import org.effnas.eval.EvalResult;

/**
 * A test journal that appends (and fsyncs) one tab-separated line for EVERY record call, with no
 * de-duplication of its own: a candidate recorded twice shows up twice, so the failure tests check
 * the cluster's exactly-once delivery rather than a journal that hides duplicates.
 */
final class LineJournal implements ResultJournal {
    private final Path file;

    LineJournal(Path file) {
        this.file = file;
    }

    @Override
    public Set<String> recordedIds() {
        Set<String> ids = new HashSet<>();
        for (String[] row : rows(file)) {
            ids.add(row[0]);
        }
        return ids;
    }

    @Override
    public synchronized boolean record(EvalResult r) {
        String line = r.candidateId() + "\t" + (r.ok() ? "ok" : "failed") + "\t" + r.top1() + "\t" + r.workerId()
                + "\t" + (r.ok() ? "" : r.failure().replace('\t', ' ').replace('\n', ' ')) + "\n";
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /** Every line as columns: id, ok|failed, top1, worker, failure. */
    static List<String[]> rows(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
