package org.effnas.report;

import java.util.List;
import java.util.Optional;

/**
 * What the grid decided: its winner, the runner-up, the margin between them and whether that margin
 * is within noise (their 95% intervals overlap).
 *
 * @param runnerUp   the best other measured triple at the winner's rung; null when there is none
 * @param margin     winner's mean minus runner-up's mean (NaN without a runner-up)
 * @param exactTie   equal means: the tie-break rule chose
 */
public record GridOutcome(GridTriple winner, GridTriple runnerUp, double margin, boolean withinNoise,
                          boolean exactTie) {

    /**
     * The outcome of ranked triples: the winner is the triple the grid marked (the first ranked when
     * none is marked), the runner-up the best-ranked measured other one at the winner's rung (a triple
     * stopped at a lower rung was trained for fewer steps and is not compared with it).
     */
    public static Optional<GridOutcome> of(List<GridTriple> ranked) {
        List<GridTriple> measured = ranked.stream().filter(t -> t.accuracy().measured()).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        GridTriple winner = measured.stream().filter(GridTriple::winner).findFirst().orElse(measured.get(0));
        // under rungs only the triples measured as long as the winner compete with it
        GridTriple runnerUp = measured.stream().filter(t -> !t.equals(winner) && t.rung() == winner.rung()).findFirst()
                .orElse(null);
        if (runnerUp == null) {
            return Optional.of(new GridOutcome(winner, null, Double.NaN, false, false));
        }
        double margin = winner.accuracy().mean() - runnerUp.accuracy().mean();
        return Optional.of(new GridOutcome(winner, runnerUp, margin, winner.accuracy().overlaps(runnerUp.accuracy()),
                winner.accuracy().mean() == runnerUp.accuracy().mean()));
    }

    /**
     * Whether a triple cannot be told apart from the winner: measured at the winner's rung, its
     * interval overlaps the winner's.
     */
    public boolean tiedWithWinner(GridTriple t) {
        return !t.equals(winner) && t.rung() == winner.rung() && t.accuracy().measured()
                && t.accuracy().overlaps(winner.accuracy());
    }
}
