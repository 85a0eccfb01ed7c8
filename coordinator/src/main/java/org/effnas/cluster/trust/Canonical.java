package org.effnas.cluster.trust;

/**
 * The canonical text of a message, what its signature covers: every field as
 * {@code name=length:value;}, so no two different messages share a text (a value cannot pose as
 * the next field).
 */
public final class Canonical {

    private final StringBuilder text;

    private Canonical(String type) {
        text = new StringBuilder(256).append(type).append('|');
    }

    public static Canonical of(String type) {
        return new Canonical(type);
    }

    public Canonical add(String name, Object value) {
        String v = value == null ? "\u0000null" : value instanceof Double d ? Double.toString(d) : String.valueOf(value);
        text.append(name).append('=').append(v.length()).append(':').append(v).append(';');
        return this;
    }

    public Canonical add(String name, double value) {
        return add(name, (Object) Double.valueOf(value));
    }

    public String text() {
        return text.toString();
    }
}
