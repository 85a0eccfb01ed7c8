package org.effnas.experiment;

import java.util.Optional;
import org.effnas.spec.ArchSpec;

/**
 * One network the final phase trains: a winner of the experiment under the name the report and
 * {@code family.csv} give it ({@code baseline}, {@code B1}, {@code W2}, ...), with the evaluation it
 * was chosen by and the rung checkpoint that evaluation left, if any.
 *
 * @param name        {@code baseline} (the search winner) or a family name
 * @param spec        the network
 * @param seed        the seed of the evaluation it comes from (weights and data order of a fresh run)
 * @param source      that evaluation's id qualified by its phase ({@code search/c000042@r2}), or
 *                    empty when the network was never evaluated (a grid base)
 * @param minivalTop1 the accuracy that evaluation measured on minival (NaN when none)
 * @param checkpoint  the id of its top-rung checkpoint in the experiment's checkpoint store
 *                    ({@code search.c000042@r2}); empty without rungs
 */
public record FinalMember(String name, ArchSpec spec, long seed, String source, double minivalTop1,
                          Optional<String> checkpoint) {

    public FinalMember {
        if (name == null || !FinalPlan.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("final member: bad name " + name);
        }
        if (spec == null || source == null || checkpoint == null) {
            throw new IllegalArgumentException("final member " + name + ": spec, source and checkpoint (or empty) "
                    + "are required");
        }
    }
}
