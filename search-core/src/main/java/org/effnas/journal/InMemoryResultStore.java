package org.effnas.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.effnas.eval.Candidate;
import org.effnas.eval.EvalResult;

/**
 * A {@link ResultStore} in memory: the bookkeeping (exactly-once, pending) without a file. Also the
 * state {@link JournalFile} keeps beside its file.
 */
public class InMemoryResultStore implements ResultStore {

    private final JournalHeader header;
    private final Map<String, Candidate> submitted = new LinkedHashMap<>();
    private final Map<String, EvalResult> results = new LinkedHashMap<>();
    private final List<JournalEvent> events = new ArrayList<>();

    public InMemoryResultStore(JournalHeader header) {
        this.header = header;
    }

    public static InMemoryResultStore of(JournalHeader header) {
        return new InMemoryResultStore(header);
    }

    @Override
    public JournalHeader header() {
        return header;
    }

    @Override
    public synchronized void submitted(Candidate candidate) {
        if (accepts(candidate)) {
            add(new JournalEvent.Submitted(candidate));
        }
    }

    @Override
    public synchronized boolean recorded(EvalResult result) {
        if (!accepts(result)) {
            return false;
        }
        add(new JournalEvent.Recorded(result));
        return true;
    }

    /** Records a new event: {@link #persist} it, then {@link #append} it. */
    private void add(JournalEvent e) {
        persist(e);
        append(e);
    }

    /** Makes a new event durable before it counts; in memory there is nowhere to write it. */
    protected void persist(JournalEvent e) {
        // nothing to write
    }

    /**
     * Whether a submission is new (false for a repeat of the same candidate).
     *
     * @throws IllegalArgumentException for an id reused by another spec
     */
    protected synchronized boolean accepts(Candidate c) {
        Candidate known = submitted.get(c.id());
        if (known == null) {
            return true;
        }
        if (!known.specKey().equals(c.specKey())) {
            throw new IllegalArgumentException("candidate id " + c.id() + " is already used by another spec: "
                    + known.specKey());
        }
        return false;
    }

    /**
     * Whether a result is the first for its candidate.
     *
     * @throws IllegalArgumentException for a result of a candidate never submitted
     */
    protected synchronized boolean accepts(EvalResult r) {
        Candidate c = submitted.get(r.candidateId());
        if (c == null) {
            throw new IllegalArgumentException("result for unknown candidate " + r.candidateId()
                    + ": it was never submitted in experiment " + header.experimentId());
        }
        if (!c.specKey().equals(r.specKey())) {
            throw new IllegalArgumentException("result for candidate " + r.candidateId()
                    + " carries another spec than was submitted");
        }
        return !results.containsKey(r.candidateId());
    }

    /** Applies an event to the in-memory state (already checked by {@code accepts}). */
    protected synchronized void append(JournalEvent e) {
        if (e instanceof JournalEvent.Submitted s) {
            submitted.put(s.candidate().id(), s.candidate());
        } else if (e instanceof JournalEvent.Recorded r) {
            results.put(r.result().candidateId(), r.result());
        }
        events.add(e);
    }

    @Override
    public synchronized List<Candidate> pending() {
        return submitted.values().stream().filter(c -> !results.containsKey(c.id())).toList();
    }

    @Override
    public synchronized int submittedCount() {
        return submitted.size();
    }

    @Override
    public synchronized List<Candidate> candidates() {
        return List.copyOf(submitted.values());
    }

    @Override
    public synchronized List<EvalResult> results() {
        return List.copyOf(results.values());
    }

    @Override
    public synchronized Optional<EvalResult> result(String candidateId) {
        return Optional.ofNullable(results.get(candidateId));
    }

    @Override
    public synchronized List<JournalEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
