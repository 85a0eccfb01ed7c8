package org.effnas.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.effnas.cost.CostModel;
import org.effnas.cost.LayerCost;
import org.effnas.reference.Architectures;
import org.junit.jupiter.api.Test;

class SpecLimitsTest {

    @Test
    void everyFieldIsCheckedAgainstItsRange() {
        assertThrows(InvalidSpecException.class, () -> Stage.mbconv(257, 3, 1, 1, 16, 16, 0));
        assertThrows(InvalidSpecException.class, () -> Stage.mbconv(1, 33, 1, 1, 16, 16, 0));
        assertThrows(InvalidSpecException.class, () -> Stage.mbconv(1, 3, 1, 65, 16, 16, 0));
        assertThrows(InvalidSpecException.class, () -> Stage.mbconv(1, 3, 1, 1, 16, 65_537, 0));
        assertThrows(InvalidSpecException.class, () -> Stem.of(3, 2, 65_537));
        assertThrows(InvalidSpecException.class, () -> Head.of(65_537));
        ArchSpec mini = Architectures.get("effnas-mini");
        assertThrows(InvalidSpecException.class, () -> mini.withResolution(4097));
        assertThrows(InvalidSpecException.class, () -> mini.withInput(28, 1025, 10));
        assertThrows(InvalidSpecException.class, () -> mini.withInput(28, 1, 1_000_001));
        InvalidSpecException deep = assertThrows(InvalidSpecException.class, () -> ArchSpec.of(List.of(
                Stage.mbconv(256, 3, 1, 1, 32, 32, 0), Stage.mbconv(256, 3, 1, 1, 32, 32, 0),
                Stage.mbconv(256, 3, 1, 1, 32, 32, 0), Stage.mbconv(256, 3, 1, 1, 32, 32, 0),
                Stage.mbconv(1, 3, 1, 1, 32, 32, 0))));
        assertEquals("blocks", deep.field());
    }

    @Test
    void totalsAreExactAndEqualABigIntegerRecount() {
        ArchSpec wide = ArchSpec.of(1024, 3, 1000, Stem.of(3, 1, 64),
                List.of(Stage.mbconv(2, 5, 1, 6, 64, 96, 0.25)), Head.of(1280), Activation.SWISH, 0.2, 0.2);
        var cost = CostModel.of(wide);
        BigInteger macs = BigInteger.ZERO;
        for (LayerCost l : cost.layers()) {
            macs = macs.add(BigInteger.valueOf(l.macs()));
        }
        assertEquals(macs, BigInteger.valueOf(cost.macs()));
        assertTrue(cost.macs() < SpecLimits.MAX_MACS);
    }

    @Test
    void aNetworkPastTheMacBoundOr2To63IsRefusedNotWrapped() {
        ArchSpec big = ArchSpec.of(4096, 3, 1000, Stem.of(3, 1, 512),
                List.of(Stage.mbconv(4, 3, 1, 6, 512, 512, 0)), Head.of(1280), Activation.SWISH, 0.2, 0.2);
        assertEquals("macs", assertThrows(InvalidSpecException.class, () -> CostModel.of(big)).field());
        ArchSpec huge = ArchSpec.of(4096, 3, 1000, Stem.of(31, 1, 65_536),
                List.of(Stage.mbconv(256, 31, 1, 64, 65_536, 65_536, 0)), Head.of(1280), Activation.SWISH, 0.2, 0.2);
        assertEquals("macs", assertThrows(InvalidSpecException.class, () -> CostModel.of(huge)).field());
    }
}
