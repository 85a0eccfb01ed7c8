package org.effnas.search;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.UFTournamentSelector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.effnas.reward.CostMetric;
import org.effnas.space.SearchSpace;

/**
 * Multi-objective steady-state search in the NSGA-II style: maximise accuracy, minimise cost (MACs or
 * latency), no scalar reward. Parents are chosen by Jenetics' crowded unique-fitness tournament
 * {@link UFTournamentSelector}; children are bred like {@link EvolutionSearch}'s; when the population
 * overflows, Jenetics' {@link NSGA2Selector} keeps the best by non-domination rank and crowding
 * distance. Every candidate is recorded, and the report draws the Pareto front of them all.
 *
 * <p>Under a multi-fidelity scheduler each individual carries the objectives of the highest rung it
 * reached: a later rung replaces the objectives of the individual in the population (its age kept)
 * instead of adding a second point for the same architecture.
 */
public final class Nsga2Search implements SearchStrategy {

    private final EvolutionSettings settings;
    private final CostMetric cost;
    private final Breeder<Vec<double[]>> breeder;
    private final UFTournamentSelector<IntegerGene, Vec<double[]>> mating = UFTournamentSelector.ofVec();
    private final NSGA2Selector<IntegerGene, Vec<double[]>> survival = NSGA2Selector.ofVec();
    private List<Phenotype<IntegerGene, Vec<double[]>>> population = new ArrayList<>();
    private long arrivals;
    /** The rung each individual's objectives were measured at (multi-fidelity only). */
    private final Map<Genotype<IntegerGene>, Integer> rungs = new HashMap<>();

    private Nsga2Search(SearchSpace space, EvolutionSettings settings, CostMetric cost, long seed) {
        this.settings = settings;
        this.cost = cost;
        this.breeder = new Breeder<>(space, settings, Seeds.generator(seed, "nsga2"));
    }

    public static Nsga2Search of(SearchSpace space, EvolutionSettings settings, CostMetric cost, long seed) {
        return new Nsga2Search(space, settings, cost, seed);
    }

    @Override
    public Optional<Proposal> propose() {
        return Optional.of(breeder.next(population, mating, arrivals));
    }

    @Override
    public void observe(Observation o) {
        double c = cost.of(o.result());
        if (!o.result().ok() || !Double.isFinite(o.accuracy()) || !Double.isFinite(c)) {
            return;
        }
        if (o.candidate().fidelity() != null && replaceLowerRung(o, Vec.of(o.accuracy(), -c))) {
            return;
        }
        breeder.individual(o.candidate().spec(), arrivals, Vec.of(o.accuracy(), -c)).ifPresent(p -> {
            arrivals++;
            population.add(p);
            if (population.size() > settings.population()) {
                ISeq<Phenotype<IntegerGene, Vec<double[]>>> pop = ISeq.of(population);
                population = new ArrayList<>(breeder.withRandom(
                        () -> survival.select(pop, settings.population(), Optimize.MAXIMUM)).asList());
            }
            rungs.put(p.genotype(), o.rung());
        });
    }

    /** A later rung of an individual in the population: the highest rung's objectives replace its own. */
    private boolean replaceLowerRung(Observation o, Vec<double[]> objectives) {
        int i = breeder.indexOf(population, o.candidate().spec());
        if (i >= 0 && o.rung() >= rungs.getOrDefault(population.get(i).genotype(), 0)) {
            Phenotype<IntegerGene, Vec<double[]>> p = population.get(i);
            population.set(i, Phenotype.of(p.genotype(), p.generation(), objectives));
            rungs.put(p.genotype(), o.rung());
        }
        return i >= 0;
    }
}
