package org.effnas.spec;

/**
 * The head: 1x1 convolution to {@code filters} channels with BN and activation, global average
 * pooling, dropout, then a fully connected classifier with bias. Text form {@code o1280}.
 */
public record Head(int filters) {

    public Head {
        if (filters < 1) {
            throw new InvalidSpecException("head filters", "must be >= 1, got " + filters);
        }
    }

    public static Head of(int filters) {
        return new Head(filters);
    }
}
