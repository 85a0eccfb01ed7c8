package org.effnas.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.effnas.InvalidInputException;
import org.effnas.notation.BlockStrings;
import org.effnas.scaling.ScalingRules;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.BlockOp;
import org.effnas.spec.Head;
import org.effnas.spec.Stage;
import org.effnas.spec.Stem;

/**
 * MnasNet's factorized hierarchical search space, as data: one searched block per entry of a
 * reference backbone, each choosing independently from the same {@link BlockChoices}; everything
 * outside the blocks (input, stem, head, regularisation) is fixed.
 *
 * <p>A {@link Genotype} has {@link #GENES_PER_BLOCK} genes per block, in the order op, kernel, SE,
 * skip, filters, layers. Filter multipliers and layer offsets that round to the same value for a
 * block (e.g. 0.75 x 16 and 1.0 x 16 both give 16 channels) are merged into one gene value, so
 * every genotype decodes to a different architecture, {@link #encode} is the exact inverse of
 * {@link #decode}, and {@link #size()} counts distinct architectures.
 */
public record SearchSpace(String name, List<BackboneBlock> backbone, BlockChoices choices, Stem stem,
                          Head head, int resolution, int inChannels, int classes, int filterDivisor,
                          Activation activation, double dropout, double dropConnect) {

    public static final int GENES_PER_BLOCK = 6;
    public static final int OP = 0;
    public static final int KERNEL = 1;
    public static final int SE = 2;
    public static final int SKIP = 3;
    public static final int FILTERS = 4;
    public static final int LAYERS = 5;
    private static final List<String> GENE_NAMES = List.of("op", "kernel", "se", "skip", "filters", "layers");

    public SearchSpace {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name: a search space needs a name");
        }
        if (backbone == null || backbone.isEmpty()) {
            throw new InvalidInputException("backbone: must list at least one (t, c, n, s) block");
        }
        backbone = List.copyOf(backbone);
        if (choices == null || stem == null || head == null || activation == null) {
            throw new InvalidInputException("search space " + name + ": choices, stem, head and activation are required");
        }
        if (filterDivisor < 1) {
            throw new InvalidInputException("filter_divisor: must be >= 1, got " + filterDivisor);
        }
        // Building the fixed part once checks resolution, channels, classes and regularisation.
        ArchSpec.of(resolution, inChannels, classes, stem,
                List.of(Stage.mbconv(1, 3, 1, 1, stem.filters(), stem.filters(), 0)), head, activation,
                dropout, dropConnect);
        SpaceLimits.check(backbone, choices, filterDivisor);
    }

    /**
     * Checks that the largest candidate of each op is a valid spec within the cost limits (the
     * search would otherwise find out mid-run). Called once the space is built.
     */
    public SearchSpace checkedLargest() {
        int[] bounds = geneBounds();
        int kernelAt = choices.kernels().indexOf(choices.kernels().stream().max(Integer::compare).orElseThrow());
        int seAt = choices.seRatios().indexOf(choices.seRatios().stream().max(Double::compare).orElseThrow());
        for (int op = 0; op < choices.ops().size(); op++) {
            int[] genes = new int[bounds.length];
            for (int b = 0; b < blocks(); b++) {
                int at = b * GENES_PER_BLOCK;
                genes[at + OP] = op;
                genes[at + KERNEL] = kernelAt;
                genes[at + SE] = seAt;
                genes[at + FILTERS] = bounds[at + FILTERS] - 1;
                genes[at + LAYERS] = bounds[at + LAYERS] - 1;
            }
            try {
                org.effnas.cost.CostModel.of(decode(Genotype.of(genes)));
            } catch (InvalidInputException tooLarge) {
                throw new InvalidInputException("choices: the largest " + OpNames.name(choices.ops().get(op))
                        + " candidate of this space is refused (" + tooLarge.getMessage()
                        + "); use fewer or smaller choices", tooLarge);
            }
        }
        return this;
    }

    /** Genes per searched block (op, kernel, SE, skip, filters, layers). */
    public int genesPerBlock() {
        return GENES_PER_BLOCK;
    }

    /** Number of searched blocks. */
    public int blocks() {
        return backbone.size();
    }

    /** Genes in a genotype. */
    public int length() {
        return GENES_PER_BLOCK * backbone.size();
    }

    /** Name of gene {@code index}, e.g. {@code block3.filters}. */
    public String geneName(int index) {
        return "block" + (index / GENES_PER_BLOCK + 1) + "." + GENE_NAMES.get(index % GENES_PER_BLOCK);
    }

    /** Distinct output filters block {@code block} (0-based) may take, ascending. */
    public List<Integer> filterOptions(int block) {
        int reference = backbone.get(block).filters();
        TreeSet<Integer> values = new TreeSet<>();
        for (double m : choices.filterMultipliers()) {
            values.add(ScalingRules.roundFilters(reference, m, filterDivisor));
        }
        return List.copyOf(values);
    }

    /** Distinct layer counts block {@code block} (0-based) may take, ascending, each >= 1. */
    public List<Integer> layerOptions(int block) {
        int reference = backbone.get(block).layers();
        TreeSet<Integer> values = new TreeSet<>();
        for (int offset : choices.layerOffsets()) {
            values.add(Math.max(1, reference + offset));
        }
        return List.copyOf(values);
    }

    /** Exclusive upper bound of each gene. */
    public int[] geneBounds() {
        int[] bounds = new int[length()];
        for (int b = 0; b < blocks(); b++) {
            int at = b * GENES_PER_BLOCK;
            bounds[at + OP] = choices.ops().size();
            bounds[at + KERNEL] = choices.kernels().size();
            bounds[at + SE] = choices.seRatios().size();
            bounds[at + SKIP] = choices.skips().size();
            bounds[at + FILTERS] = filterOptions(b).size();
            bounds[at + LAYERS] = layerOptions(b).size();
        }
        return bounds;
    }

    /** Number of distinct architectures: the product of the gene bounds. */
    public BigInteger size() {
        BigInteger n = BigInteger.ONE;
        for (int bound : geneBounds()) {
            n = n.multiply(BigInteger.valueOf(bound));
        }
        return n;
    }

    /** Size before merging filters and layers that round alike: (choices per block)^blocks. */
    public BigInteger nominalSize() {
        return BigInteger.valueOf(choices.nominalPerBlock()).pow(blocks());
    }

    /** The architecture of {@code g}; valid for every genotype whose genes are within bounds. */
    public ArchSpec decode(Genotype g) {
        int[] bounds = geneBounds();
        if (g.length() != bounds.length) {
            throw new InvalidInputException("genotype: search space " + name + " has " + bounds.length
                    + " genes, got " + g.length());
        }
        for (int i = 0; i < bounds.length; i++) {
            if (g.gene(i) < 0 || g.gene(i) >= bounds[i]) {
                throw new InvalidInputException("genotype gene " + i + " (" + geneName(i) + "): must be in [0, "
                        + bounds[i] + "), got " + g.gene(i));
            }
        }
        List<Stage> stages = new ArrayList<>();
        int previous = stem.filters();
        for (int b = 0; b < blocks(); b++) {
            int at = b * GENES_PER_BLOCK;
            int out = filterOptions(b).get(g.gene(at + FILTERS));
            stages.add(Stage.of(choices.ops().get(g.gene(at + OP)), layerOptions(b).get(g.gene(at + LAYERS)),
                    choices.kernels().get(g.gene(at + KERNEL)), backbone.get(b).stride(), previous, out,
                    choices.seRatios().get(g.gene(at + SE)), choices.skips().get(g.gene(at + SKIP))));
            previous = out;
        }
        return ArchSpec.of(resolution, inChannels, classes, stem, stages, head, activation, dropout, dropConnect);
    }

    /**
     * The genotype that decodes to {@code spec}.
     *
     * @throws InvalidInputException naming the first field of {@code spec} that is not a choice of
     *                               this space
     */
    public Genotype encode(ArchSpec spec) {
        fixed("resolution", spec.resolution(), resolution);
        fixed("in_channels", spec.inChannels(), inChannels);
        fixed("classes", spec.classes(), classes);
        fixed("stem", BlockStrings.formatStem(spec.stem()), BlockStrings.formatStem(stem));
        fixed("head", BlockStrings.formatHead(spec.head()), BlockStrings.formatHead(head));
        fixed("activation", spec.activation().text(), activation.text());
        fixed("dropout", spec.dropout(), dropout);
        fixed("drop_connect", spec.dropConnect(), dropConnect);
        fixed("number of stages", spec.stages().size(), blocks());
        int[] genes = new int[length()];
        for (int b = 0; b < blocks(); b++) {
            Stage s = spec.stages().get(b);
            String stage = "stage " + (b + 1) + " ";
            fixed(stage + "stride", s.stride(), backbone.get(b).stride());
            int at = b * GENES_PER_BLOCK;
            genes[at + OP] = index(stage + "op", s.op(), choices.ops());
            genes[at + KERNEL] = index(stage + "kernel", s.kernel(), choices.kernels());
            genes[at + SE] = index(stage + "se ratio", s.seRatio(), choices.seRatios());
            genes[at + SKIP] = index(stage + "skip", s.skip(), choices.skips());
            genes[at + FILTERS] = index(stage + "output filters", s.outputFilters(), filterOptions(b));
            genes[at + LAYERS] = index(stage + "repeats", s.repeats(), layerOptions(b));
        }
        return Genotype.of(genes);
    }

    /** A genotype drawn uniformly, gene by gene. */
    public Genotype random(RandomGenerator rng) {
        int[] bounds = geneBounds();
        int[] genes = new int[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            genes[i] = rng.nextInt(bounds[i]);
        }
        return Genotype.of(genes);
    }

    private void fixed(String field, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            throw new InvalidInputException("spec is not in search space " + name + ": " + field + " is "
                    + actual + ", the space fixes it at " + expected);
        }
    }

    private <T> int index(String field, T value, List<T> options) {
        int i = options.indexOf(value);
        if (i < 0) {
            throw new InvalidInputException("spec is not in search space " + name + ": " + field + " "
                    + (value instanceof BlockOp op ? OpNames.name(op) : value)
                    + " is not one of its choices " + describe(options));
        }
        return i;
    }

    private static <T> String describe(List<T> options) {
        return options.stream().map(o -> o instanceof BlockOp op ? OpNames.name(op) : String.valueOf(o))
                .toList().toString();
    }
}
