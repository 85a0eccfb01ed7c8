package org.effnas.spec;

import org.effnas.InvalidInputException;

/** Nonlinearity used after every BN except after the linear projection of an MBConv block. */
public enum Activation {
    SWISH("swish"),
    RELU("relu");

    private final String text;

    Activation(String text) {
        this.text = text;
    }

    /** The name used in spec files ({@code swish} or {@code relu}). */
    public String text() {
        return text;
    }

    /** Parses {@code swish} or {@code relu} (case-insensitive). */
    public static Activation parse(String s) {
        for (Activation a : values()) {
            if (a.text.equalsIgnoreCase(s.trim())) {
                return a;
            }
        }
        throw new InvalidInputException("activation: unknown value '" + s + "', expected swish or relu");
    }
}
