package org.effnas.data;

import org.effnas.InvalidInputException;

import java.nio.file.Path;

/**
 * A dataset file that exists but cannot be used: wrong magic number, truncated, a label out of range,
 * an unreadable image. The one-line message names the file, what is wrong and how to fix it; the CLI
 * maps it to exit code 2 like every {@link InvalidInputException}.
 */
public class DataFileException extends InvalidInputException {

    public DataFileException(Path file, String problem, String fix) {
        super(file + ": " + problem + "; " + fix);
    }

    public DataFileException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + "; " + fix, cause);
    }
}
