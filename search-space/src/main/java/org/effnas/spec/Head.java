package org.effnas.spec;

/**
 * The head: 1x1 convolution to {@code filters} channels with BN and activation, global average
 * pooling, dropout, then a fully connected classifier with bias. Text form {@code o1280}.
 */
public record Head(int filters) {

    public Head {
        SpecLimits.check("head filters", filters, 1, SpecLimits.MAX_FILTERS);
    }

    public static Head of(int filters) {
        return new Head(filters);
    }
}
