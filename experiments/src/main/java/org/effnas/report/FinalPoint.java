package org.effnas.report;

/**
 * One row of {@code final.csv}: a member of the final phase trained at full budget and measured on
 * the test split.
 *
 * @param member        {@code baseline}, {@code B1}, ...
 * @param source        the evaluation that chose it, qualified by its phase ({@code search/c000042@r2})
 * @param minivalTop1   what that evaluation measured on minival (NaN when none)
 * @param testImages    images of the test split behind {@code m.top1()} (0 when unknown)
 * @param steps         optimizer steps of the final run, the continued checkpoint's included
 * @param fromSteps     steps the continued checkpoint had already trained (0 = from scratch)
 * @param continuedFrom the checkpoint continued, or empty
 * @param model         the folder holding model.zip, relative to the experiment ({@code final/B1})
 * @param onnx          whether {@code model.onnx} was exported beside it
 * @param m             the final evaluation: top-1 on the test split, with its provenance
 */
public record FinalPoint(String member, String source, double minivalTop1, int testImages, long steps, long fromSteps,
                         String continuedFrom, String model, boolean onnx, Measurement m) {
}
