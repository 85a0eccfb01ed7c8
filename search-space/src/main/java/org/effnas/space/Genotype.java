package org.effnas.space;

import java.util.Arrays;

/**
 * A point of a {@link SearchSpace}: one integer per gene, each in {@code [0, bound)} of
 * {@link SearchSpace#geneBounds()}. Immutable: the array is copied in and out.
 */
public record Genotype(int[] genes) {

    public Genotype {
        if (genes == null) {
            throw new IllegalArgumentException("genes are missing");
        }
        genes = genes.clone();
    }

    public static Genotype of(int... genes) {
        return new Genotype(genes);
    }

    /** A copy of the genes. */
    @Override
    public int[] genes() {
        return genes.clone();
    }

    public int gene(int index) {
        return genes[index];
    }

    public int length() {
        return genes.length;
    }

    /** A copy with gene {@code index} set to {@code value}. */
    public Genotype with(int index, int value) {
        int[] copy = genes.clone();
        copy[index] = value;
        return new Genotype(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Genotype g && Arrays.equals(genes, g.genes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(genes);
    }

    @Override
    public String toString() {
        return Arrays.toString(genes);
    }
}
