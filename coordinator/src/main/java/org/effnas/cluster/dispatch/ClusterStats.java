package org.effnas.cluster.dispatch;

/**
 * Counters of what the coordinator did with leases and results, for logs, tests and the benchmark.
 *
 * @param submitted      candidates submitted
 * @param completed      candidates whose future completed (succeeded or finally failed)
 * @param failedFinal    candidates recorded as failed after their last attempt
 * @param retries        attempts re-issued after a failure, a rejected result or a lost lease
 * @param leasesLost     leases expired (no heartbeat) or lost with a worker that left
 * @param rejected       results refused as garbage (wrong candidate, NaN accuracy, unreadable ...)
 * @param discardedLate  results for a lease that is no longer open (expired, or from a previous run), or
 *                       from a worker that does not hold it
 * @param forged         messages (results, heartbeats) unsigned, mis-signed, replayed or oversized: ignored
 * @param refused        heartbeats of workers whose recipe fingerprint differs from the experiment's
 * @param workers        workers alive now
 * @param slots          device slots those workers advertise
 */
public record ClusterStats(long submitted, long completed, long failedFinal, long retries, long leasesLost,
                           long rejected, long discardedLate, long forged, long refused, int workers, int slots) {
}
