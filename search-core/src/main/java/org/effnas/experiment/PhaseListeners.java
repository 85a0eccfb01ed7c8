package org.effnas.experiment;

import java.util.function.IntSupplier;
import org.effnas.search.ProgressListener;

/** Where an experiment's progress and messages go (the console, a test's list). */
public interface PhaseListeners {

    /**
     * The listener of one phase.
     *
     * @param label   e.g. {@code search evolution}, {@code random baseline}, {@code grid}
     * @param workers how many workers there are now
     */
    ProgressListener phase(PhaseKind kind, String label, IntSupplier workers);

    /** One line for the user (where the experiment is, what runs it, what was saved). */
    void message(String line);
}
