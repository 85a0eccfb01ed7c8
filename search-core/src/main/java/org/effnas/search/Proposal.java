package org.effnas.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.effnas.notation.BlockStrings;
import org.effnas.spec.ArchSpec;

/**
 * What a strategy asks to evaluate: an architecture and which replicate (training seed offset) of it.
 * Searches use replicate 0 (every candidate trains with the experiment seed); grids repeat a spec over
 * replicates 0..n-1.
 */
public record Proposal(ArchSpec spec, int replicate) {

    public Proposal {
        if (spec == null) {
            throw new IllegalArgumentException("proposal: spec is required");
        }
        if (replicate < 0) {
            throw new IllegalArgumentException("proposal: replicate must be >= 0, got " + replicate);
        }
    }

    public static Proposal of(ArchSpec spec) {
        return new Proposal(spec, 0);
    }

    /**
     * Every distinct spec (by canonical form, first occurrence kept) repeated over replicates
     * {@code 0..seeds-1}, spec by spec.
     */
    public static List<Proposal> replicated(List<ArchSpec> specs, int seeds) {
        if (seeds < 1) {
            throw new org.effnas.InvalidSettingException("grid seeds", "must be >= 1, got " + seeds);
        }
        Map<String, ArchSpec> distinct = new LinkedHashMap<>();
        specs.forEach(s -> distinct.putIfAbsent(BlockStrings.canonical(s), s));
        List<Proposal> out = new ArrayList<>();
        for (ArchSpec s : distinct.values()) {
            for (int r = 0; r < seeds; r++) {
                out.add(new Proposal(s, r));
            }
        }
        return out;
    }
}
