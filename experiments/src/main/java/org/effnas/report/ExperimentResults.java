package org.effnas.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the report draws: the searches' candidates, the grid and the family, with the target
 * T of the reward and the number of images each accuracy was measured on.
 *
 * @param title      headline, e.g. {@code fashion-mnist / mnasnet-small / evolution}
 * @param targetMacs the reward's T in multiply-adds (0 when unknown)
 * @param evalImages images of the evaluation split (minival) behind each accuracy; 0 when unknown
 */
public record ExperimentResults(String title, long targetMacs, int evalImages, List<SearchPoint> search,
                                List<GridPoint> grid, List<FamilyPoint> family) {

    public ExperimentResults {
        search = List.copyOf(search);
        grid = List.copyOf(grid);
        family = List.copyOf(family);
        if (evalImages < 0) {
            throw new IllegalArgumentException("evalImages must be >= 0, got " + evalImages);
        }
    }

    /** Every measurement: the searches', then the grid's, then the family's. */
    public List<Measurement> measurements() {
        return Stream.of(search.stream().map(SearchPoint::m), grid.stream().map(GridPoint::m),
                family.stream().map(FamilyPoint::m)).flatMap(s -> s).toList();
    }

    /** Whether any number came from the surrogate evaluator: then every title says SURROGATE. */
    public boolean surrogate() {
        return measurements().stream().anyMatch(Measurement::surrogate);
    }

    /** Names of the search runs in order of appearance (the main strategy first, then random). */
    public List<String> runs() {
        return search.stream().map(SearchPoint::run).distinct().toList();
    }

    public boolean isEmpty() {
        return search.isEmpty() && grid.isEmpty() && family.isEmpty();
    }
}
