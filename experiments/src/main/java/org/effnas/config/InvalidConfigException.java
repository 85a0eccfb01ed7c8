package org.effnas.config;

import java.util.List;
import java.util.stream.Collectors;
import org.effnas.InvalidInputException;

/**
 * An experiment config with one or more problems, all reported together: each line names the file,
 * the key's path in it and the fix ({@code grid.step: must be > 0, got -0.1}). Exit code 2.
 */
public final class InvalidConfigException extends InvalidInputException {

    private final List<String> problems;

    public InvalidConfigException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: what is wrong}, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        return problems.size() == 1 ? source + ": " + problems.get(0) : source + ": " + problems.size() + " problems"
                + problems.stream().map(p -> System.lineSeparator() + "  " + p).collect(Collectors.joining());
    }
}
