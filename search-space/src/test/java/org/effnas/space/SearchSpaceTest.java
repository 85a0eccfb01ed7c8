package org.effnas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.effnas.InvalidInputException;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SearchSpaceTest {

    static List<String> spaces() {
        return SearchSpaces.names();
    }

    @Test
    void mnasnetHasTheFactorizedLayoutOverSevenBlocks() {
        SearchSpace s = SearchSpaces.builtin("mnasnet");
        assertEquals(7, s.blocks());
        assertEquals(6, s.genesPerBlock());
        assertEquals(42, s.length());
        // 4 ops x 2 kernels x 2 SE x 2 skip x 3 filters x 3 layers = 288 nominal choices per block
        assertEquals(288, s.choices().nominalPerBlock());
        assertEquals(BigInteger.valueOf(288).pow(7), s.nominalSize());
        // block 1 (c=16, n=1): 0.75x16 and 1.0x16 both round to 16, n-1 and n both give 1 layer
        assertEquals(List.of(16, 24), s.filterOptions(0));
        assertEquals(List.of(1, 2), s.layerOptions(0));
        assertEquals(List.of(24, 32, 40), s.filterOptions(2));
        assertEquals(List.of(2, 3, 4), s.layerOptions(2));
        // 32^7 x (2*2)(2*3)(3*3)(3*3)(3*3)(3*3)(3*2) distinct architectures
        BigInteger expected = BigInteger.valueOf(32).pow(7).multiply(BigInteger.valueOf(4L * 6 * 9 * 9 * 9 * 9 * 6));
        assertEquals(expected, s.size());
        assertEquals(new BigInteger("32462531054272512"), s.size());
    }

    @Test
    void effnasMiniIsTheReferencePointOfMnasnetSmall() {
        SearchSpace small = SearchSpaces.builtin("mnasnet-small");
        ArchSpec mini = Architectures.get("effnas-mini");
        Genotype g = small.encode(mini);
        assertEquals(mini, small.decode(g));
        for (int b = 0; b < small.blocks(); b++) {
            int at = b * small.genesPerBlock();
            assertEquals(mini.stages().get(b).outputFilters(),
                    small.filterOptions(b).get(g.gene(at + SearchSpace.FILTERS)));
        }
    }

    /** MnasNet-A1 is not a point of the mnasnet space: its first block is an e1 MBConv, not an op choice. */
    @Test
    void mnasnetA1IsOutsideTheMnasnetSpaceAndEncodeSaysWhy() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> SearchSpaces.builtin("mnasnet").encode(Architectures.get("mnasnet-a1")));
        assertEquals("spec is not in search space mnasnet: stage 1 op mbconv1 is not one of its choices "
                + "[conv, sep, mbconv3, mbconv6]", ex.getMessage());
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void everyRandomGenotypeDecodesToAValidSpecAndEncodesBack(String name) {
        SearchSpace space = SearchSpaces.builtin(name);
        SplittableRandom rng = new SplittableRandom(42);
        Set<String> seen = new HashSet<>();
        Set<Genotype> genotypes = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            Genotype g = space.random(rng);
            ArchSpec spec = space.decode(g);
            assertEquals(g, space.encode(spec));
            Cost c = CostModel.of(spec);
            assertTrue(c.params() > 0 && c.macs() > 0 && c.activations() > 0);
            if (genotypes.add(g)) {
                assertTrue(seen.add(BlockStrings.canonical(spec)), "two genotypes gave " + spec);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void cornersDecode(String name) {
        SearchSpace space = SearchSpaces.builtin(name);
        int[] bounds = space.geneBounds();
        int[] low = new int[bounds.length];
        int[] high = Arrays.stream(bounds).map(b -> b - 1).toArray();
        for (int[] genes : List.of(low, high)) {
            Genotype g = Genotype.of(genes);
            ArchSpec spec = space.decode(g);
            assertEquals(g, space.encode(spec));
            assertEquals(space.blocks(), spec.stages().size());
        }
        // the high corner is the widest and deepest, so it costs more than the low one
        assertTrue(CostModel.of(space.decode(Genotype.of(high))).params()
                > CostModel.of(space.decode(Genotype.of(low))).params());
    }

    /** Every gene, one at a time, at every value: each decodes, and changing it changes the spec. */
    @ParameterizedTest
    @MethodSource("spaces")
    void everyGeneValueDecodesAndMatters(String name) {
        SearchSpace space = SearchSpaces.builtin(name);
        int[] bounds = space.geneBounds();
        Genotype base = Genotype.of(new int[bounds.length]);
        ArchSpec baseSpec = space.decode(base);
        for (int i = 0; i < bounds.length; i++) {
            for (int v = 1; v < bounds[i]; v++) {
                ArchSpec other = space.decode(base.with(i, v));
                assertTrue(!other.equals(baseSpec), space.geneName(i) + "=" + v + " changed nothing");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void decodedSpecsFollowTheBackboneStridesAndChain(String name) {
        SearchSpace space = SearchSpaces.builtin(name);
        ArchSpec spec = space.decode(space.random(new SplittableRandom(3)));
        for (int b = 0; b < space.blocks(); b++) {
            Stage s = spec.stages().get(b);
            assertEquals(space.backbone().get(b).stride(), s.stride());
            assertTrue(s.repeats() >= 1);
        }
        assertEquals(space.stem(), spec.stem());
        assertEquals(space.head(), spec.head());
        assertEquals(space.resolution(), spec.resolution());
    }

    /** Property: decoded specs survive block strings, YAML and JSON unchanged. */
    @ParameterizedTest
    @MethodSource("spaces")
    void decodedSpecsRoundTripThroughEveryTextForm(String name) {
        SearchSpace space = SearchSpaces.builtin(name);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            ArchSpec spec = space.decode(space.random(rng));
            for (int s = 0; s < spec.stages().size(); s++) {
                String text = BlockStrings.format(spec.stages().get(s));
                assertEquals(spec.stages().get(s), BlockStrings.parse(text, s + 1));
                assertEquals(text, BlockStrings.format(BlockStrings.parse(text, s + 1)));
            }
            String yaml = SpecFiles.toYaml(spec);
            String json = SpecFiles.toJson(spec);
            assertEquals(spec, SpecFiles.parseYaml(yaml, "yaml"));
            assertEquals(spec, SpecFiles.parseJson(json, "json"));
            assertEquals(yaml, SpecFiles.toYaml(SpecFiles.parseYaml(yaml, "yaml")));
            assertEquals(json, SpecFiles.toJson(SpecFiles.parseJson(json, "json")));
        }
    }

    @Test
    void decodeRejectsOutOfRangeGenesNamingThem() {
        SearchSpace space = SearchSpaces.builtin("mnasnet");
        int[] genes = new int[space.length()];
        genes[SearchSpace.GENES_PER_BLOCK * 2 + SearchSpace.FILTERS] = 3;
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> space.decode(Genotype.of(genes)));
        assertEquals("genotype gene 16 (block3.filters): must be in [0, 3), got 3", ex.getMessage());
        assertThrows(InvalidInputException.class, () -> space.decode(Genotype.of(1, 2, 3)));
    }

    @Test
    void encodeRejectsSpecsOutsideTheSpaceNamingTheField() {
        SearchSpace small = SearchSpaces.builtin("mnasnet-small");
        ArchSpec mini = Architectures.get("effnas-mini");
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> small.encode(mini.withResolution(32)));
        assertTrue(ex.getMessage().contains("resolution is 32, the space fixes it at 28"), ex.getMessage());
        List<Stage> stages = new java.util.ArrayList<>(mini.stages());
        stages.set(3, stages.get(3).withFiltersAndRepeats(40, 80, 5));
        ex = assertThrows(InvalidInputException.class, () -> small.encode(mini.withStem(mini.stem(), stages, mini.head())));
        assertTrue(ex.getMessage().contains("stage 4 repeats 5 is not one of its choices [1, 2, 3]"), ex.getMessage());
    }
}
