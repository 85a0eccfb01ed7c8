package org.effnas.data;

import java.util.Locale;

/** The three splits a candidate meets: it trains on TRAIN, is rewarded on MINIVAL, is reported on TEST. */
public enum SplitName {
    /** The training split less the minival images (and cut to the subset size, if one is set). */
    TRAIN,
    /** Held out from the training split; the reward of a search is measured here. */
    MINIVAL,
    /** The dataset's own test split, read only when asked for. */
    TEST;

    /** Lower-case name for provenance strings such as {@code fashion-mnist/minival}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
