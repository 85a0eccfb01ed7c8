package org.effnas.eval;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The number format of activations and kernel weights while training ({@code training.precision}); master
 * weights, gradients and the optimizer's state stay float32. Only the NHWC engine runs bf16.
 */
public enum Precision {
    F32("f32"),
    /** bfloat16 activations and kernel weights (AVX-512 bf16 or AMX), with float32 masters. */
    BF16("bf16");

    private final String text;

    Precision(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    /** Parses "f32" or "bf16". */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.text.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "': use one of "
                + Arrays.stream(values()).map(Precision::text).collect(Collectors.joining(", ")));
    }
}
