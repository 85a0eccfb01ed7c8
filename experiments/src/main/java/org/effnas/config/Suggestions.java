package org.effnas.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.function.ToIntFunction;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?" for misspelt keys and values: the closest candidate by Levenshtein distance. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate nearest to {@code text}, or null when none is close (distance over a third). */
    static String closest(String text, Collection<String> candidates) {
        ToIntFunction<String> distance = c -> LevenshteinDistance.getDefaultInstance()
                .apply(text.toLowerCase(), c.toLowerCase());
        return candidates.stream().min(Comparator.comparingInt(distance))
                .filter(best -> distance.applyAsInt(best) <= Math.max(2, text.length() / 3)).orElse(null);
    }
}
