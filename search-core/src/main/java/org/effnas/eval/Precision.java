package org.effnas.eval;

import org.effnas.SettingChoice;

/**
 * The number format of activations and kernel weights while training ({@code training.precision}); master
 * weights, gradients and the optimizer's state stay float32. Only the NHWC engine runs bf16.
 */
public enum Precision implements SettingChoice {
    F32,
    /** bfloat16 activations and kernel weights (AVX-512 bf16 or AMX), with float32 masters. */
    BF16;

    /** Parses "f32" or "bf16"; anything else is refused with both names. */
    public static Precision parse(String s) {
        return SettingChoice.parse(Precision.class, "precision", "precision", s);
    }
}
