package org.effnas.reward;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.effnas.InvalidInputException;
import org.effnas.SettingChoice;
import org.effnas.eval.EvalResult;

/** What the reward's cost term measures: multiply-adds (EfficientNet) or measured latency (MnasNet). */
public enum CostMetric implements SettingChoice {
    /** Multiply-adds of one forward pass (what the EfficientNet paper calls FLOPS). */
    MACS("macs"),
    /** Median batch-1 inference latency in milliseconds, as measured by the evaluator. */
    LATENCY_MS("latency");

    private final String text;

    CostMetric(String text) {
        this.text = text;
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The cost of a result in this metric; NaN when the evaluator did not measure it. */
    public double of(EvalResult r) {
        return switch (this) {
            case MACS -> r.macs() > 0 ? r.macs() : Double.NaN;
            case LATENCY_MS -> r.latencyMs() > 0 ? r.latencyMs() : Double.NaN;
        };
    }

    /** Parses {@code macs} or {@code latency}. */
    public static CostMetric parse(String s) {
        for (CostMetric m : values()) {
            if (m.text.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidInputException("reward.cost: unknown metric '" + s + "', expected macs or latency");
    }
}
