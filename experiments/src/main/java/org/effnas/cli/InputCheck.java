package org.effnas.cli;

import org.effnas.InvalidInputException;

/** How a command refuses bad input: one line naming the flag, file or field and the fix (exit code 2). */
final class InputCheck {

    private InputCheck() {
    }

    /** Throws {@link InvalidInputException} with {@code message} when {@code bad} holds. */
    static void refuse(boolean bad, String message) {
        if (bad) {
            throw new InvalidInputException(message);
        }
    }
}
