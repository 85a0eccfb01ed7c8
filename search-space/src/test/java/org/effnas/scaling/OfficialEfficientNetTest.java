package org.effnas.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfficialEfficientNetTest {

    @ParameterizedTest
    @CsvSource({"0, 224, 0.2, 32, 1280", "1, 240, 0.2, 32, 1280", "2, 260, 0.3, 32, 1408",
            "3, 300, 0.3, 40, 1536", "4, 380, 0.4, 48, 1792", "5, 456, 0.4, 48, 2048",
            "6, 528, 0.5, 56, 2304", "7, 600, 0.5, 64, 2560"})
    void everyModelHasTheTablesResolutionDropoutAndWidths(int index, int resolution, double dropout,
                                                         int stem, int head) {
        ArchSpec m = OfficialEfficientNet.model(index, 1000);
        assertEquals(resolution, m.resolution());
        assertEquals(dropout, m.dropout());
        assertEquals(stem, m.stem().filters());
        assertEquals(head, m.head().filters());
        assertEquals(m, Architectures.get("efficientnet-b" + index));
    }

    @Test
    void b7RepeatsAreTheCeilingOf31TimesB0s() {
        assertEquals(List.of(4, 7, 7, 10, 10, 13, 4),
                OfficialEfficientNet.model(7, 1000).stages().stream().map(Stage::repeats).toList());
    }

    @Test
    void classesReplaceTheClassifierOnly() {
        ArchSpec ten = OfficialEfficientNet.model(3, 10);
        assertEquals(10, ten.classes());
        assertEquals(OfficialEfficientNet.model(3, 1000).stages(), ten.stages());
    }

    @Test
    void indexOutsideTheTableIsBadInput() {
        assertThrows(InvalidInputException.class, () -> OfficialEfficientNet.model(8, 1000));
    }
}
