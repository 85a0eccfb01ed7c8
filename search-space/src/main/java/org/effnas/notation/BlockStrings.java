package org.effnas.notation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.BlockOp;
import org.effnas.spec.Head;
import org.effnas.spec.InvalidSpecException;
import org.effnas.spec.MBConv;
import org.effnas.spec.PlainConv;
import org.effnas.spec.SeparableConv;
import org.effnas.spec.SpecLimits;
import org.effnas.spec.Stage;
import org.effnas.spec.Stem;

/**
 * The block-string notation of the official EfficientNet implementation, e.g.
 * {@code r2_k3_s22_e6_i16_o24_se0.25}: r repeats, k kernel, s stride pair, e expansion, i/o filters,
 * se ratio (omitted when 0), {@code noskip} to turn the identity residual off. A leading
 * {@code sep_} or {@code conv_} marks a depthwise-separable or plain conv stage. Stems are written
 * {@code k3_s2_o32}, heads {@code o1280}. {@link #format} of a parsed string gives it back exactly
 * when it was written in canonical token order.
 */
public final class BlockStrings {

    private BlockStrings() {
    }

    /** Canonical text of one stage. */
    public static String format(Stage s) {
        StringBuilder b = new StringBuilder(s.op().prefix());
        b.append('r').append(s.repeats())
                .append("_k").append(s.kernel())
                .append("_s").append(s.stride()).append(s.stride())
                .append("_e").append(s.expansion())
                .append("_i").append(s.inputFilters())
                .append("_o").append(s.outputFilters());
        if (s.seRatio() > 0) {
            b.append("_se").append(exactNumber(s.seRatio()));
        }
        if (!s.skip()) {
            b.append("_noskip");
        }
        return b.toString();
    }

    /**
     * Parses one stage; {@code stageNumber} (1-based) only labels errors.
     *
     * @throws InvalidSpecException naming the stage, the token and what was expected
     */
    public static Stage parse(String text, int stageNumber) {
        String where = "stage " + stageNumber + " '" + text + "'";
        if (text == null || text.isBlank()) {
            throw new InvalidSpecException(where, "empty block string, expected e.g. r2_k3_s22_e6_i16_o24_se0.25");
        }
        String rest = text.trim();
        String kind = "mbconv";
        if (rest.startsWith("sep_")) {
            kind = "sep";
            rest = rest.substring(4);
        } else if (rest.startsWith("conv_")) {
            kind = "conv";
            rest = rest.substring(5);
        }
        Integer r = null;
        Integer k = null;
        Integer stride = null;
        Integer e = null;
        Integer in = null;
        Integer out = null;
        Double se = null;
        boolean skip = true;
        Set<String> seen = new HashSet<>();
        String[] tokens = rest.split("_", -1);
        for (int t = 0; t < tokens.length; t++) {
            String tok = tokens[t];
            String key = tok.startsWith("se") ? "se" : tok.equals("noskip") ? "noskip" : tok.isEmpty() ? "" : tok.substring(0, 1);
            if (!key.isEmpty() && !seen.add(key)) {
                throw new InvalidSpecException(where, "token '" + tok + "': " + key + " is given twice, give it once");
            }
            switch (key) {
                case "noskip" -> skip = false;
                case "se" -> se = ratio(where, tok);
                case "r" -> r = positive(where, tok, "r followed by the number of repeats >= 1, e.g. r2");
                case "k" -> k = kernel(where, tok);
                case "s" -> stride = stride(where, tok);
                case "e" -> e = positive(where, tok, "e followed by the expansion ratio >= 1, e.g. e6");
                case "i" -> in = positive(where, tok, "i followed by the input filters >= 1, e.g. i16");
                case "o" -> out = positive(where, tok, "o followed by the output filters >= 1, e.g. o24");
                default -> throw unknownToken(where, tok, t == 0);
            }
        }
        require(where, r, "r (repeats)");
        require(where, k, "k (kernel)");
        require(where, stride, "s (stride pair)");
        require(where, e, "e (expansion)");
        require(where, in, "i (input filters)");
        require(where, out, "o (output filters)");
        if (!kind.equals("mbconv") && e != 1) {
            throw new InvalidSpecException(where, "token 'e" + e + "': a " + kind
                    + "_ stage has no expansion, expected e1");
        }
        try {
            BlockOp op = switch (kind) {
                case "sep" -> SeparableConv.of();
                case "conv" -> PlainConv.of();
                default -> MBConv.of(e);
            };
            return Stage.of(op, r, k, stride, in, out, se == null ? 0 : se, skip);
        } catch (InvalidSpecException outOfRange) {
            throw new InvalidSpecException(where, outOfRange.getMessage());
        }
    }

    private static InvalidSpecException unknownToken(String where, String tok, boolean first) {
        if (first && tok.chars().allMatch(Character::isLetter) && !tok.isEmpty()) {
            return new InvalidSpecException(where, "unknown block op '" + tok
                    + "_', expected no prefix (MBConv), sep_ (depthwise-separable) or conv_ (plain conv)");
        }
        return new InvalidSpecException(where, "unknown token '" + tok
                + "', expected one of r k s e i o se noskip (and a leading sep_ or conv_)");
    }

    /** Parses a list of block strings, one per stage. */
    public static List<Stage> parseAll(List<String> texts) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            stages.add(parse(texts.get(i), i + 1));
        }
        return stages;
    }

    public static String formatStem(Stem s) {
        return "k" + s.kernel() + "_s" + s.stride() + "_o" + s.filters();
    }

    /** Parses a stem such as {@code k3_s2_o32}. */
    public static Stem parseStem(String text) {
        String where = "stem '" + text + "'";
        Integer k = null;
        Integer s = null;
        Integer o = null;
        Set<String> seen = new HashSet<>();
        for (String tok : text.trim().split("_", -1)) {
            if (!tok.isEmpty() && !seen.add(tok.substring(0, 1))) {
                throw new InvalidSpecException(where, "token '" + tok + "': " + tok.charAt(0)
                        + " is given twice, give it once");
            }
            if (tok.startsWith("k")) {
                k = kernel(where, tok);
            } else if (tok.startsWith("s")) {
                s = stride(where, tok);
            } else if (tok.startsWith("o")) {
                o = positive(where, tok, "o followed by the output filters >= 1, e.g. o32");
            } else {
                throw new InvalidSpecException(where, "unknown token '" + tok + "', expected k, s, o as in k3_s2_o32");
            }
        }
        require(where, k, "k (kernel)");
        require(where, s, "s (stride)");
        require(where, o, "o (filters)");
        try {
            return Stem.of(k, s, o);
        } catch (InvalidSpecException outOfRange) {
            throw new InvalidSpecException(where, outOfRange.getMessage());
        }
    }

    public static String formatHead(Head h) {
        return "o" + h.filters();
    }

    /** Parses a head such as {@code o1280}. */
    public static Head parseHead(String text) {
        String t = text.trim();
        if (!t.startsWith("o")) {
            throw new InvalidSpecException("head '" + text + "'", "expected o followed by the head filters, e.g. o1280");
        }
        String where = "head '" + text + "'";
        int filters = positive(where, t, "o followed by the head filters >= 1, e.g. o1280");
        try {
            return Head.of(filters);
        } catch (InvalidSpecException outOfRange) {
            throw new InvalidSpecException(where, outOfRange.getMessage());
        }
    }

    /**
     * One-line canonical form of a whole spec: the key under which journals and caches record it.
     * Two specs are the same architecture exactly when their canonical forms are equal.
     */
    public static String canonical(ArchSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("res").append(spec.resolution())
                .append(" in").append(spec.inChannels())
                .append(" cls").append(spec.classes())
                .append(" stem:").append(formatStem(spec.stem()))
                .append(" blocks:");
        for (int i = 0; i < spec.stages().size(); i++) {
            b.append(i == 0 ? "" : ",").append(format(spec.stages().get(i)));
        }
        b.append(" head:").append(formatHead(spec.head()))
                .append(" act:").append(spec.activation().text())
                .append(" dropout:").append(number(spec.dropout()))
                .append(" drop_connect:").append(number(spec.dropConnect()));
        return b.toString();
    }

    /**
     * Short display text of a number: whole numbers without a fraction ({@code 0}, {@code 1}),
     * others to at most 10 decimals without trailing zeros ({@code 0.25}, {@code 1.21} for
     * 1.1 * 1.1). For text that must parse back to the identical double, use {@link #exactNumber}.
     */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.10f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Shortest decimal text that parses back to exactly {@code v}, never in exponent notation
     * ({@code 0.25}, {@code 0}, {@code 0.00001}): what block strings and spec files write, so that
     * reading them back gives an equal spec.
     */
    public static String exactNumber(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static int positive(String where, String tok, String expected) {
        int v = integer(where, tok, tok.substring(1), expected);
        if (v < 1) {
            throw new InvalidSpecException(where, "token '" + tok + "': expected " + expected);
        }
        return v;
    }

    private static int kernel(String where, String tok) {
        String expected = "k followed by an odd kernel size up to " + SpecLimits.MAX_KERNEL + ", e.g. k3";
        int v = integer(where, tok, tok.substring(1), expected);
        if (v < 1 || v % 2 == 0 || v > SpecLimits.MAX_KERNEL) {
            throw new InvalidSpecException(where, "token '" + tok + "': expected " + expected);
        }
        return v;
    }

    private static double ratio(String where, String tok) {
        String expected = "se followed by a ratio in [0, 1], e.g. se0.25";
        double v = decimal(where, tok, tok.substring(2), expected);
        if (!(v >= 0 && v <= 1)) {
            throw new InvalidSpecException(where, "token '" + tok + "': expected " + expected);
        }
        return v;
    }

    private static int stride(String where, String tok) {
        String digits = tok.substring(1);
        if (digits.length() == 2 && digits.charAt(0) == digits.charAt(1)
                && (digits.charAt(0) == '1' || digits.charAt(0) == '2')) {
            return digits.charAt(0) - '0';
        }
        if (digits.equals("1") || digits.equals("2")) {
            return digits.charAt(0) - '0';
        }
        throw new InvalidSpecException(where, "token '" + tok
                + "': expected a stride pair s11 or s22 (strides must be 1 or 2, equal in both directions)");
    }

    private static int integer(String where, String tok, String digits, String expected) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException ex) {
            throw new InvalidSpecException(where, "token '" + tok + "': expected " + expected);
        }
    }

    private static double decimal(String where, String tok, String digits, String expected) {
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException ex) {
            throw new InvalidSpecException(where, "token '" + tok + "': expected " + expected);
        }
    }

    private static void require(String where, Object value, String token) {
        if (value == null) {
            throw new InvalidSpecException(where, "missing token " + token);
        }
    }
}
