package org.effnas.scaling;

import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;

/**
 * The official EfficientNet-B0..B7 family: B0 scaled by the (width, depth, resolution, dropout)
 * table of the reference implementation. The paper derived these from alpha=1.2, beta=1.1,
 * gamma=1.15 and then rounded them by hand, so they are a table rather than a formula.
 */
public final class OfficialEfficientNet {

    /** One row of the table. */
    public record Row(int index, double width, double depth, int resolution, double dropout) {

        /** The model's name, {@code efficientnet-b<index>}. */
        public String name() {
            return "efficientnet-b" + index;
        }
    }

    /** B0..B7 in order. */
    public static final List<Row> TABLE = List.of(
            new Row(0, 1.0, 1.0, 224, 0.2),
            new Row(1, 1.0, 1.1, 240, 0.2),
            new Row(2, 1.1, 1.2, 260, 0.3),
            new Row(3, 1.2, 1.4, 300, 0.3),
            new Row(4, 1.4, 1.8, 380, 0.4),
            new Row(5, 1.6, 2.2, 456, 0.4),
            new Row(6, 1.8, 2.6, 528, 0.5),
            new Row(7, 2.0, 3.1, 600, 0.5));

    private OfficialEfficientNet() {
    }

    /** The table row of B{@code index}. */
    public static Row row(int index) {
        if (index < 0 || index >= TABLE.size()) {
            throw new InvalidInputException("efficientnet index: must be 0..7, got " + index);
        }
        return TABLE.get(index);
    }

    /** EfficientNet-B{@code index} with a classifier of {@code classes} outputs. */
    public static ArchSpec model(int index, int classes) {
        Row row = row(index);
        ArchSpec b0 = Architectures.efficientNetB0();
        ArchSpec scaled = CompoundScaling.scale(b0, row.width(), row.depth(), row.resolution());
        return scaled.withInput(row.resolution(), b0.inChannels(), classes)
                .withRegularisation(row.dropout(), b0.dropConnect());
    }
}
