package org.effnas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class GenotypeTest {

    @Test
    void isAValueWithDefensiveCopies() {
        int[] genes = {1, 2, 3};
        Genotype g = Genotype.of(genes);
        genes[0] = 9;
        assertEquals(1, g.gene(0));
        g.genes()[1] = 9;
        assertEquals(2, g.gene(1));
        assertEquals(Genotype.of(1, 2, 3), g);
        assertEquals(Genotype.of(1, 2, 3).hashCode(), g.hashCode());
        assertNotEquals(Genotype.of(1, 2, 4), g);
        assertEquals("[1, 2, 3]", g.toString());
        assertEquals(Genotype.of(1, 5, 3), g.with(1, 5));
        assertEquals(Genotype.of(1, 2, 3), g);
    }
}
