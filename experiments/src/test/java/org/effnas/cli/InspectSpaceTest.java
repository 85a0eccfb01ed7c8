package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.SplittableRandom;
import org.effnas.cost.CostModel;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.junit.jupiter.api.Test;

/** {@code effnas inspect --space}: the cost range of a search space and the T it suggests. */
class InspectSpaceTest {

    @Test
    void surveysTheSpaceAndSuggestsTheReferenceMembersMacs() throws IOException {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", "--space", "mnasnet-small", "--format", "json",
                "--sample", "300");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        SearchSpace space = SearchSpaces.builtin("mnasnet-small");
        assertEquals(space.size().toString(), j.path("size").asText());
        long small = j.path("smallest").path("macs").asLong();
        long ref = j.path("reference").path("macs").asLong();
        long large = j.path("largest").path("macs").asLong();
        assertTrue(small < j.path("sample").path("macs_p5").asLong() && j.path("sample").path("macs_p95").asLong() < large,
                r.out());
        assertTrue(small < ref && ref < large);
        // the reference member is the backbone: its (c, n) per block
        var refSpec = space.decode(SpaceSurvey.reference(space));
        for (int b = 0; b < space.blocks(); b++) {
            assertEquals(space.backbone().get(b).filters(), refSpec.stages().get(b).outputFilters());
            assertEquals(space.backbone().get(b).layers(), refSpec.stages().get(b).repeats());
        }
        assertEquals(CostModel.of(refSpec).macs(), ref);
        assertEquals(ref, j.path("suggested_target_macs").asLong());
        // no member of a random sample is cheaper than the smallest or dearer than the largest found
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            long m = CostModel.of(space.decode(space.random(rng))).macs();
            assertTrue(small <= m && m <= large, Long.toString(m));
        }
    }

    @Test
    void aSpaceNameAsArchAndAResolutionWork() {
        InspectCommandTest.Run at28 = InspectCommandTest.run("inspect", "mnasnet-small", "--sample", "50");
        assertEquals(0, at28.exitCode(), at28.err());
        assertTrue(at28.out().contains("suggested T: 12,712,848 MACs"), at28.out());
        InspectCommandTest.Run at45 = InspectCommandTest.run("inspect", "--space", "mnasnet-small", "--resolution", "45",
                "--sample", "50");
        assertTrue(at45.out().startsWith("mnasnet-small: 45x45x1 input"), at45.out());
        InspectCommandTest.assertBadInput(InspectCommandTest.run("inspect"), "give either ARCH");
        InspectCommandTest.assertBadInput(InspectCommandTest.run("inspect", "--space", "nope"), "search space: 'nope'");
    }
}
