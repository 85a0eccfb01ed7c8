package org.effnas.cluster.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;

/**
 * Reads back the one-line canonical form written by {@link BlockStrings#canonical}: how an
 * architecture travels through the cluster (as text, never as a Java object). Parsing then
 * formatting gives the same line, and the parsed spec equals the original.
 */
public final class SpecText {

    private static final List<String> FIELDS = List.of("res", "in", "cls", "stem:", "blocks:", "head:",
            "act:", "dropout:", "drop_connect:");

    private SpecText() {
    }

    /** The canonical text of a spec (the same as {@link BlockStrings#canonical}). */
    public static String format(ArchSpec spec) {
        return BlockStrings.canonical(spec);
    }

    /**
     * Parses a canonical spec line.
     *
     * @throws InvalidInputException naming the field that is missing or malformed
     */
    public static ArchSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("spec text: empty, expected a canonical spec line such as "
                    + "'res224 in3 cls1000 stem:k3_s2_o32 blocks:... head:o1280 act:swish dropout:0.2 drop_connect:0.2'");
        }
        String[] tokens = text.trim().split(" +");
        if (tokens.length != FIELDS.size()) {
            throw new InvalidInputException("spec text: expected " + FIELDS.size() + " space-separated fields "
                    + FIELDS + ", got " + tokens.length + " in '" + text + "'");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].startsWith(FIELDS.get(i))) {
                throw new InvalidInputException("spec text: field " + (i + 1) + " must start with '"
                        + FIELDS.get(i) + "', got '" + tokens[i] + "'");
            }
        }
        int resolution = integer("res", value(tokens[0], "res"));
        int in = integer("in", value(tokens[1], "in"));
        int classes = integer("cls", value(tokens[2], "cls"));
        List<String> blocks = Arrays.asList(value(tokens[4], "blocks:").split(","));
        List<Stage> stages = new ArrayList<>(BlockStrings.parseAll(blocks));
        return ArchSpec.of(resolution, in, classes,
                BlockStrings.parseStem(value(tokens[3], "stem:")),
                stages,
                BlockStrings.parseHead(value(tokens[5], "head:")),
                Activation.parse(value(tokens[6], "act:")),
                decimal("dropout", value(tokens[7], "dropout:")),
                decimal("drop_connect", value(tokens[8], "drop_connect:")));
    }

    private static String value(String token, String prefix) {
        return token.substring(prefix.length());
    }

    private static int integer(String field, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("spec text: " + field + " must be an integer, got '" + digits + "'");
        }
    }

    private static double decimal(String field, String digits) {
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("spec text: " + field + " must be a number, got '" + digits + "'");
        }
    }
}
