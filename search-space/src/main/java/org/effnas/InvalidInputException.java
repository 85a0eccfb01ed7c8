package org.effnas;

/**
 * Bad input from a user: a malformed spec or config, an unknown block op, an out-of-range value,
 * an unreadable or corrupt file. The message is one line that names the field (or file) and says
 * how to fix it. The CLI maps this type (and its subclasses, in every module) to exit code 2.
 */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
