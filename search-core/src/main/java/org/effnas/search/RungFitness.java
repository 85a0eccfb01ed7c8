package org.effnas.search;

/**
 * The fitness evolution ranks parents by under a multi-fidelity scheduler: the rung first, the reward
 * within it. A candidate measured at a higher rung beats any measured lower, because rewards of
 * different rungs are not comparable (a short rung underrates slow learners) and a higher-rung
 * candidate has already won the comparisons below it (docs/search.md). Without a scheduler every
 * rung is 0 and this orders exactly as the reward alone.
 */
record RungFitness(int rung, double reward) implements Comparable<RungFitness> {

    @Override
    public int compareTo(RungFitness o) {
        int byRung = Integer.compare(rung, o.rung);
        return byRung != 0 ? byRung : Double.compare(reward, o.reward);
    }
}
