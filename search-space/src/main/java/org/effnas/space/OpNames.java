package org.effnas.space;

import org.effnas.InvalidInputException;
import org.effnas.spec.BlockOp;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.spec.SpecLimits;

/**
 * Names of block ops in search-space files: {@code conv} (plain conv), {@code sep}
 * (depthwise-separable) and {@code mbconv<e>} (MBConv with expansion e, e.g. {@code mbconv6}).
 */
public final class OpNames {

    private OpNames() {
    }

    public static String name(BlockOp op) {
        if (op instanceof MBConv m) {
            return "mbconv" + m.expansion();
        }
        return op instanceof SeparableConv ? "sep" : "conv";
    }

    /** Parses an op name; {@code field} names the key in errors. */
    public static BlockOp parse(String text, String field) {
        String t = text.trim();
        if (t.equals("conv")) {
            return PlainConv.of();
        }
        if (t.equals("sep")) {
            return SeparableConv.of();
        }
        if (t.startsWith("mbconv")) {
            try {
                int e = Integer.parseInt(t.substring("mbconv".length()));
                if (e >= 1 && e <= SpecLimits.MAX_EXPANSION) {
                    return MBConv.of(e);
                }
                if (e > SpecLimits.MAX_EXPANSION) {
                    throw new InvalidInputException(field + ": op '" + text + "' has expansion " + e
                            + ", at most " + SpecLimits.MAX_EXPANSION + " is allowed");
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new InvalidInputException(field + ": unknown op '" + text
                + "'; expected conv, sep or mbconv<expansion> such as mbconv6");
    }
}
