package org.effnas.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.effnas.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @Test
    void quotesWhatNeedsQuoting(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        Csv.write(f, List.of("a", "b"), List.of(List.of("r1_k3,r2_k5", "say \"hi\""), List.of("", "line\nbreak")));
        List<Map<String, String>> rows = Csv.read(f);
        assertEquals(Map.of("a", "r1_k3,r2_k5", "b", "say \"hi\""), rows.get(0));
        assertEquals(Map.of("a", "", "b", "line\nbreak"), rows.get(1));
    }

    @Test
    void truncatedFileIsBadInput() {
        assertThrows(InvalidInputException.class, () -> Csv.parse("a,b\n\"open", Path.of("x.csv")));
    }
}
