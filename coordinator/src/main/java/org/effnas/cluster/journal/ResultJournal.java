package org.effnas.cluster.journal;

import java.util.Set;
import org.effnas.eval.EvalResult;

/**
 * Where a cluster run records its results: the seam to search-core's journal
 * ({@code ResultStore#recorded} has exactly these semantics), kept this small so the coordinator
 * does not depend on how the journal is stored.
 */
public interface ResultJournal {

    /** Ids of the candidates that already have a result (what a restarted coordinator skips). */
    Set<String> recordedIds();

    /**
     * Records a result.
     *
     * @return true when recorded now, false when that candidate already had a result
     */
    boolean record(EvalResult result);
}
