package org.effnas.search;

import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.util.ArithmeticUtils;
import org.effnas.InvalidInputException;
import org.effnas.space.Genotype;
import org.effnas.space.SearchSpace;

/**
 * Converts search-space genotypes to Jenetics genotypes and back. Jenetics requires every gene of a
 * chromosome to share one range, while the decisions have different numbers of choices (5 ops, 2
 * kernels, ...). So each decision is one gene over {@code [0, L)} with L the least common multiple of
 * all choice counts, read modulo its own count: a uniform draw in {@code [0, L)} is then a uniform
 * draw of the decision. One chromosome holds every decision of every block, so Jenetics' mutator
 * redraws single decisions and its uniform crossover exchanges single decisions.
 */
final class JeneticsGenotypes {

    private static final long MAX_RANGE = 1L << 30;

    private final int[] bounds;
    private final int range;

    JeneticsGenotypes(SearchSpace space) {
        this.bounds = space.geneBounds();
        long lcm = 1;
        for (int b : bounds) {
            lcm = ArithmeticUtils.lcm(lcm, b);
            if (lcm > MAX_RANGE) {
                throw new InvalidInputException("search space " + space.name() + ": the numbers of choices per "
                        + "decision have a least common multiple over 2^30; the evolutionary strategies cannot encode "
                        + "it (use the random strategy or fewer distinct choice counts)");
            }
        }
        this.range = (int) lcm;
    }

    io.jenetics.Genotype<IntegerGene> toJenetics(Genotype g) {
        List<IntegerGene> genes = new ArrayList<>(bounds.length);
        for (int i = 0; i < bounds.length; i++) {
            genes.add(IntegerGene.of(g.gene(i), 0, range));
        }
        return io.jenetics.Genotype.of(IntegerChromosome.of(genes));
    }

    Genotype fromJenetics(io.jenetics.Genotype<IntegerGene> g) {
        IntegerChromosome c = (IntegerChromosome) g.chromosome();
        int[] genes = new int[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            genes[i] = Math.floorMod(c.get(i).intValue(), bounds[i]);
        }
        return Genotype.of(genes);
    }
}
