package org.effnas.cluster.trust;

/**
 * Limits on what a message may carry, and the bounded form in which its fields are quoted in logs:
 * a worker's message is untrusted, so a 10 MB field is refused, and never echoed whole.
 */
public final class Bounded {

    /** The longest string field a message may carry (a canonical spec line is well under 4 KB). */
    public static final int MAX_FIELD_CHARS = 16 * 1024;
    /** The most leases one heartbeat may list. */
    public static final int MAX_LEASES = 1024;
    /** How much of a field a log line quotes. */
    public static final int QUOTE_CHARS = 120;

    private Bounded() {
    }

    /** {@code value} on one line, cut to {@value #QUOTE_CHARS} characters with the full length said. */
    public static String quote(Object value) {
        String s = String.valueOf(value).replace('\n', ' ').replace('\r', ' ');
        return s.length() <= QUOTE_CHARS ? s : s.substring(0, QUOTE_CHARS) + "...(" + s.length() + " chars)";
    }

    /** Null when every field is within {@link #MAX_FIELD_CHARS}, else which is not. */
    public static String oversized(String... namesAndValues) {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String v = namesAndValues[i + 1];
            if (v != null && v.length() > MAX_FIELD_CHARS) {
                return namesAndValues[i] + " has " + v.length() + " characters (at most " + MAX_FIELD_CHARS + ")";
            }
        }
        return null;
    }
}
