package org.effnas.search;

import io.jenetics.Alterer;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.UniformCrossover;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.random.RandomGenerator;
import org.effnas.InvalidInputException;
import org.effnas.space.Genotype;
import org.effnas.space.SearchSpace;
import org.effnas.spec.ArchSpec;

/**
 * Breeds one child at a time with Jenetics' operators, for the steady-state strategies: two parents
 * from a selector, a uniform crossover of their decisions, then per-decision mutation. Every Jenetics
 * call runs with this breeder's own random stream, so children depend only on the seed and the call
 * order.
 *
 * @param <C> the fitness type (a reward, or an objective vector)
 */
final class Breeder<C extends Comparable<? super C>> {

    private static final int MAX_REMEMBERED = 10_000;

    private final SearchSpace space;
    private final EvolutionSettings settings;
    private final RandomGenerator rng;
    private final JeneticsGenotypes codec;
    private final Alterer<IntegerGene, C> alterer;
    /** Genotypes of proposals not yet observed, so observing needs no re-encoding. */
    private final Map<ArchSpec, Genotype> proposed = new HashMap<>();
    private long proposals;

    Breeder(SearchSpace space, EvolutionSettings settings, RandomGenerator rng) {
        this.space = space;
        this.settings = settings;
        this.rng = rng;
        this.codec = new JeneticsGenotypes(space);
        this.alterer = new UniformCrossover<IntegerGene, C>(settings.crossover(), 0.5)
                .andThen(new Mutator<>(settings.mutation()));
    }

    /**
     * The next proposal: random for the first {@code population} proposals (or while fewer than two
     * individuals are known), then a child of two parents the selector picks from {@code population}.
     */
    Proposal next(List<Phenotype<IntegerGene, C>> population, Selector<IntegerGene, C> selector, long generation) {
        proposals++;
        Genotype g;
        if (proposals <= settings.population() || population.size() < 2) {
            g = space.random(rng);
        } else {
            ISeq<Phenotype<IntegerGene, C>> pop = ISeq.of(population);
            g = codec.fromJenetics(RandomRegistry.with(rng, r -> {
                ISeq<Phenotype<IntegerGene, C>> parents = selector.select(pop, 2, Optimize.MAXIMUM);
                return alterer.alter(parents, generation).population().get(0).genotype();
            }));
        }
        ArchSpec spec = space.decode(g);
        if (proposed.size() > MAX_REMEMBERED) {
            proposed.clear(); // only duplicates that were never evaluated pile up here
        }
        proposed.put(spec, g);
        return Proposal.of(spec);
    }

    /** An individual for a spec with a fitness; empty for a spec outside the space (a foreign replay). */
    Optional<Phenotype<IntegerGene, C>> individual(ArchSpec spec, long generation, C fitness) {
        Genotype g = proposed.remove(spec);
        try {
            if (g == null) {
                g = space.encode(spec); // a candidate replayed from a journal
            }
            return Optional.of(Phenotype.of(codec.toJenetics(g), generation, fitness));
        } catch (InvalidInputException notInSpace) {
            return Optional.empty();
        }
    }

    /** Where the individual of a spec is in {@code population}; -1 when absent or outside the space. */
    int indexOf(List<Phenotype<IntegerGene, C>> population, ArchSpec spec) {
        io.jenetics.Genotype<IntegerGene> g;
        try {
            g = codec.toJenetics(space.encode(spec));
        } catch (InvalidInputException notInSpace) {
            return -1;
        }
        return IntStream.range(0, population.size()).filter(i -> population.get(i).genotype().equals(g))
                .findFirst().orElse(-1);
    }

    /** Runs a Jenetics call with this breeder's random stream. */
    <T> T withRandom(java.util.function.Supplier<T> call) {
        return RandomRegistry.with(rng, r -> call.get());
    }
}
