package org.effnas.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A journal that cannot be written: the disk is full, the file or its directory is read-only or
 * immutable. Every line written before is intact (a half-written line is removed, or skipped as a
 * torn line on resume), so the message says so and how to continue.
 */
public final class JournalWriteException extends UncheckedIOException {

    private static final String RESUME = "nothing recorded before is lost: fix that, then rerun the same command "
            + "with --resume";

    private JournalWriteException(String message, IOException cause) {
        super(message, cause);
    }

    static JournalWriteException appending(Path path, IOException e) {
        return new JournalWriteException("journal " + path + ": cannot append (" + reason(e) + "); " + RESUME, e);
    }

    static JournalWriteException opening(Path path, IOException e) {
        return new JournalWriteException("journal " + path + ": cannot be opened for writing (" + reason(e) + "); "
                + RESUME, e);
    }

    /** What went wrong, in words: the disk is full, read-only, permission denied. */
    static String reason(IOException e) {
        String m = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "the disk is full: no space left on device";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return "permission denied: the file or its directory is read-only";
        }
        if (lower.contains("operation not permitted")) {
            return "operation not permitted: the file may be immutable (chattr +i)";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
