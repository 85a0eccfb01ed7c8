package org.effnas.spec;

import org.effnas.InvalidInputException;

/** An architecture spec that violates a rule; the message names the field and what is expected. */
public class InvalidSpecException extends InvalidInputException {
    private final String field;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The offending field, e.g. {@code stage 3 kernel} or {@code resolution}. */
    public String field() {
        return field;
    }
}
