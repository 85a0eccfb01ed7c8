package org.effnas.cluster.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.effnas.eval.EvalResult;

/** A journal kept in memory (benchmarks, throw-away runs): each candidate's first result only. */
public final class MemoryJournal implements ResultJournal {

    private final Map<String, EvalResult> results = new LinkedHashMap<>();

    @Override
    public synchronized Set<String> recordedIds() {
        return Set.copyOf(results.keySet());
    }

    @Override
    public synchronized boolean record(EvalResult result) {
        return results.putIfAbsent(result.candidateId(), result) == null;
    }

    public synchronized List<EvalResult> results() {
        return new ArrayList<>(results.values());
    }
}
