package org.effnas.search;

import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.effnas.space.SearchSpace;

/**
 * Steady-state, asynchronous evolution over the search-space genotype, with Jenetics' variation
 * machinery but no generation barrier: every free evaluation slot gets one child at once. Parents
 * come from a {@link TournamentSelector} over the current population; the child is a
 * {@link UniformCrossover} of two parents (each decision from either) followed by a {@link Mutator}
 * that redraws each decision with the mutation probability. Each rewarded result joins the
 * population; once it is full, the oldest individual that is not among the {@code elites} best leaves
 * (regularised evolution, as in AmoebaNet, with elitism). The first {@code population} proposals are
 * random.
 *
 * <p>Under a multi-fidelity scheduler the fitness is {@link RungFitness}: higher rungs first, the
 * reward within a rung. A later rung of a candidate already in the population replaces its fitness
 * (keeping its age) instead of adding a second individual.
 */
public final class EvolutionSearch implements SearchStrategy {

    private final EvolutionSettings settings;
    private final Breeder<RungFitness> breeder;
    private final TournamentSelector<IntegerGene, RungFitness> selector;
    /** Oldest first; an individual's generation is its arrival number. */
    private final List<Phenotype<IntegerGene, RungFitness>> population = new ArrayList<>();
    private long arrivals;

    private EvolutionSearch(SearchSpace space, EvolutionSettings settings, long seed) {
        this.settings = settings;
        this.breeder = new Breeder<>(space, settings, Seeds.generator(seed, "evolution"));
        this.selector = new TournamentSelector<>(settings.tournament());
    }

    public static EvolutionSearch of(SearchSpace space, EvolutionSettings settings, long seed) {
        return new EvolutionSearch(space, settings, seed);
    }

    @Override
    public Optional<Proposal> propose() {
        return Optional.of(breeder.next(population, selector, arrivals));
    }

    @Override
    public void observe(Observation o) {
        if (!o.rewarded()) {
            return;
        }
        RungFitness fitness = new RungFitness(o.rung(), o.reward().getAsDouble());
        if (o.candidate().fidelity() != null && replaceLowerRung(o, fitness)) {
            return;
        }
        breeder.individual(o.candidate().spec(), arrivals, fitness).ifPresent(p -> {
            arrivals++;
            population.add(p);
            if (population.size() > settings.population()) {
                removeOldestNonElite();
            }
        });
    }

    /** A later rung of an individual in the population: its fitness moves up, its age stays. */
    private boolean replaceLowerRung(Observation o, RungFitness fitness) {
        int i = breeder.indexOf(population, o.candidate().spec());
        if (i >= 0 && fitness.rung() >= population.get(i).fitness().rung()) {
            Phenotype<IntegerGene, RungFitness> p = population.get(i);
            population.set(i, Phenotype.of(p.genotype(), p.generation(), fitness));
        }
        return i >= 0;
    }

    private void removeOldestNonElite() {
        List<Phenotype<IntegerGene, RungFitness>> ranked = new ArrayList<>(population);
        ranked.sort(Comparator.comparing((Phenotype<IntegerGene, RungFitness> p) -> p.fitness()).reversed()
                .thenComparingLong(Phenotype::generation));
        List<Phenotype<IntegerGene, RungFitness>> elites = ranked.subList(0, settings.elites());
        for (int i = 0; i < population.size(); i++) {
            Phenotype<IntegerGene, RungFitness> p = population.get(i);
            if (elites.stream().noneMatch(e -> e == p)) {
                population.remove(i);
                return;
            }
        }
    }
}
