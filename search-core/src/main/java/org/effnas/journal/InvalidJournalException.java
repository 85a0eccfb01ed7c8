package org.effnas.journal;

import org.effnas.InvalidInputException;

/**
 * A journal that cannot be used as asked: another experiment's, written by a newer format, corrupt
 * beyond a torn last line, or in use by another process. The file is left untouched.
 */
public class InvalidJournalException extends InvalidInputException {
    public InvalidJournalException(String message) {
        super(message);
    }
}
