package org.effnas.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of a valid text input, aimed at what broke effnas before: numbers replaced by
 * extremes, keys and lines duplicated, lines dropped, tokens repeated, bytes damaged.
 */
public final class Mutator {

    /** Numbers that sit on or past a documented bound, or overflow an int, a long or a double. */
    public static final List<String> EXTREMES = List.of("0", "-1", "1", "2", "3", "7", "8", "31", "32", "33", "64",
            "65", "255", "256", "257", "1023", "1024", "1025", "4096", "4097", "65536", "65537", "1000000",
            "1000001", "999999999", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
            "9223372036854775808", "1e9", "1e300", "1e-300", "1e-6", "0.5", "-0.5", ".nan", ".inf", "-.inf",
            "NaN", "1.0E309", "000", "0x10", "1_000");

    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])[0-9]+(\\.[0-9]+)?");

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One to three mutations of {@code text}. */
    public String mutate(String text) {
        String t = text;
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            t = once(t);
        }
        return t;
    }

    private String once(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            return pick(EXTREMES);
        }
        int at = random.nextInt(lines.size());
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                // a number (in a value or inside a block string) becomes an extreme
                Matcher m = NUMBER.matcher(lines.get(at));
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (!spans.isEmpty()) {
                    int[] s = pick(spans);
                    String l = lines.get(at);
                    String v = pick(EXTREMES);
                    lines.set(at, l.substring(0, s[0]) + v + l.substring(s[1]));
                }
            }
            case 3 -> lines.add(at, lines.get(at)); // a key or list item given twice
            case 4 -> lines.remove(at);
            case 5 -> {
                // a block-string token repeated (k3_k5)
                String l = lines.get(at);
                int u = l.indexOf('_');
                if (u > 0) {
                    int start = Math.max(l.lastIndexOf(' ', u), l.lastIndexOf(':', u)) + 1;
                    String tok = l.substring(start, u).trim();
                    lines.set(at, l.substring(0, u) + "_" + tok + l.substring(u));
                }
            }
            case 6 -> {
                String l = lines.get(at);
                int p = l.isEmpty() ? 0 : random.nextInt(l.length());
                char c = "{}[]:-,'\"#&*!|>%@`\t\u0000\u00e9".charAt(random.nextInt(20));
                lines.set(at, l.substring(0, p) + c + l.substring(p));
            }
            default -> {
                String l = lines.get(at);
                lines.set(at, l.substring(0, random.nextInt(l.length() + 1)));
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
