package org.effnas.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.effnas.InvalidInputException;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.SpecFiles;
import org.effnas.reference.Architectures;
import org.effnas.scaling.CompoundCoefficients;
import org.effnas.scaling.OfficialEfficientNet;
import org.effnas.scaling.ScalingRules;
import org.effnas.family.ScaledFamily;
import org.effnas.family.ScaledFamily.Member;
import org.effnas.scaling.ScalingDimension;
import org.effnas.scaling.ScalingFactors;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.export.ImageClassifier;
import org.effnas.worker.export.LatencyEngines;
import org.effnas.worker.export.SpecLatency;
import org.effnas.worker.train.LatencySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code effnas family}: a compound-scaled model family, either the official EfficientNet-B0..B7
 * table or a base network scaled by a user's (alpha, beta, gamma) at several phi.
 */
@Command(name = "family",
        description = {
                "Print a compound-scaled model family with each member's multipliers, resolution, exact "
                        + "params and MACs.",
                "With --official: EfficientNet-B0..B7 from the official (width, depth, resolution) table. "
                        + "Otherwise: the base scaled at each phi by depth alpha^phi, width beta^phi and "
                        + "resolution gamma^phi, with the FLOPs ratio achieved after rounding beside the nominal "
                        + "(alpha*beta^2*gamma^2)^phi, and each member's channels and repeats per stage."},
        footer = {"", "Examples:",
                "  effnas family --official --classes 1000 --format csv",
                "  effnas family --alpha 1.2 --beta 1.1 --gamma 1.15 --phi 0..7",
                "  effnas family --alpha 1.2 --beta 1.1 --gamma 1.15 --target-latency-ms 2,5 --base effnas-mini",
                "  effnas family --alpha 1.2 --beta 1.1 --gamma 1.15 --phi 0..3 \\",
                "      --base effnas-mini --out runs/mini-family"})
public final class FamilyCommand implements Callable<Integer> {

    static final List<String> COLUMNS = List.of("model", "phi", "width", "depth", "resolution", "params", "macs");
    static final List<String> SCALED_COLUMNS = List.of("nominal_flops_ratio", "achieved_flops_ratio", "stem",
            "head", "stage_filters", "stage_repeats");

    @Spec
    CommandSpec command;

    @Option(names = "--official", description = "EfficientNet-B0..B7 from the official table.")
    boolean official;

    @Option(names = "--alpha", paramLabel = "A", description = "Depth coefficient (>= 1).")
    Double alpha;

    @Option(names = "--beta", paramLabel = "B", description = "Width coefficient (>= 1).")
    Double beta;

    @Option(names = "--gamma", paramLabel = "G", description = "Resolution coefficient (>= 1).")
    Double gamma;

    @Option(names = "--phi", paramLabel = "PHI", defaultValue = "0..7",
            description = "A range such as 0..7, a list such as 0,1,2.5, or one value (default: ${DEFAULT-VALUE}).")
    String phi;

    @Option(names = "--base", paramLabel = "NAME|FILE", defaultValue = "efficientnet-b0",
            description = "Base architecture: built-in name or spec file (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--resolution-divisor", paramLabel = "N",
            description = "Scaled resolutions are rounded to a multiple of N (default: 4 for bases of 64 px or "
                    + "more, else 1, as in every effnas experiment).")
    Integer resolutionDivisor;

    @Option(names = "--classes", paramLabel = "N",
            description = "Classifier outputs (default: 1000 with --official, else the base's).")
    Integer classes;

    @Mixin
    OutputFormat.Flag format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write DIR/family/<model>.yaml and <model>.json for each member (the table: "
                    + "--format csv; family.csv holds trained families, see 'effnas grid --family').")
    Path out;

    @Option(names = "--target-macs", paramLabel = "LIST", description = "Instead of --phi: one member per "
            + "multiply-add budget (e.g. 50M,100M,400M), each at the real phi whose rounded network is largest "
            + "without exceeding it; phi < 0 gives members smaller than the base.")
    String targetMacs;

    @Option(names = "--target-latency-ms", paramLabel = "LIST", description = "Instead of --phi: one member per "
            + "latency budget in milliseconds (e.g. 2,5,10), each at the real phi whose rounded network measures "
            + "the largest batch-1 latency not above it (random weights; measured with --engine on this machine).")
    String targetLatencyMs;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "With --target-latency-ms: onnxruntime or dl4j "
            + "(default: onnxruntime when it loads here, else dl4j).")
    String engine;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "With --target-latency-ms: "
            + "ONNX Runtime's intra-op threads, 0 = one per core (default: ${DEFAULT-VALUE}; DL4J uses OMP_NUM_THREADS).")
    int threads;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "30", description = "With --target-latency-ms: "
            + "timed runs per member after 10 warm-up runs; the median is its latency (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--phi-cap", paramLabel = "PHI", defaultValue = "8", description = "With --target-latency-ms: "
            + "the largest phi measured (default: ${DEFAULT-VALUE}); a target the cap fits gets the cap member.")
    double phiCap;

    @Override
    public Integer call() throws IOException {
        InputCheck.refuse(targetMacs != null && targetLatencyMs != null,
                "--target-macs and --target-latency-ms: give one of them");
        if (targetMacs != null) {
            return targeted();
        }
        if (targetLatencyMs != null) {
            return targetedLatency();
        }
        List<Double> phis = phis(phi);
        List<Member> members = official ? officialMembers(phis) : scaledMembers(phis);
        TextTable table = table(members, format.value == OutputFormat.TABLE);
        PrintWriter w = command.commandLine().getOut();
        switch (format.value) {
            case CSV -> w.print(table.csv());
            case JSON -> w.print(json(members));
            default -> {
                w.println(heading());
                w.print(table.render(0));
            }
        }
        w.flush();
        if (out != null) {
            write(members);
        }
        return Effnas.EXIT_OK;
    }

    /** --target-macs: rendered by {@link TargetedFamilyTable}. */
    private Integer targeted() {
        CompoundCoefficients coefficients = coefficients("--target-macs", "100M,400M");
        ArchSpec baseSpec = baseSpec();
        PrintWriter w = command.commandLine().getOut();
        TargetedFamilyTable.print(w, base, baseSpec, coefficients, divisor(baseSpec), targetMacs,
                format.value == OutputFormat.JSON);
        w.flush();
        return Effnas.EXIT_OK;
    }

    /** --target-latency-ms: each member's cost measured by {@link SpecLatency}. */
    private Integer targetedLatency() {
        CompoundCoefficients coefficients = coefficients("--target-latency-ms", "2,5");
        TargetedFamilyTable.parseLatencyTargets(targetLatencyMs);
        InputCheck.refuse(threads < 0 || threads > LatencySettings.MAX_THREADS,
                "--threads: must be in [0, " + LatencySettings.MAX_THREADS + "], got " + threads);
        InputCheck.refuse(runs < 1 || runs > LatencySettings.MAX_RUNS,
                "--runs: must be in [1, " + LatencySettings.MAX_RUNS + "], got " + runs);
        InputCheck.refuse(!(phiCap > -30) || phiCap > 30, "--phi-cap: must be in (-30, 30], got " + phiCap);
        ImageClassifier.Engine e = LatencyEngines.resolve(engine == null ? null : ImageClassifier.Engine.parse(engine),
                line -> command.commandLine().getErr().println(line));
        ArchSpec baseSpec = baseSpec();
        SpecLatency latency = SpecLatency.of(e, new LatencySettings(threads, 1, 10, runs));
        PrintWriter w = command.commandLine().getOut();
        TargetedFamilyTable.printLatency(w, base, baseSpec, coefficients, divisor(baseSpec), targetLatencyMs, phiCap,
                latency, e == ImageClassifier.Engine.DL4J ? "OMP_NUM_THREADS" : Integer.toString(threads),
                format.value == OutputFormat.JSON);
        w.flush();
        return Effnas.EXIT_OK;
    }

    private List<Member> officialMembers(List<Double> phis) {
        if (alpha != null || beta != null || gamma != null
                || command.commandLine().getParseResult().hasMatchedOption("--base")
                || command.commandLine().getParseResult().hasMatchedOption("--resolution-divisor")) {
            throw new InvalidInputException("--official: the official table fixes the base and the multipliers; "
                    + "drop --alpha/--beta/--gamma/--base/--resolution-divisor, or drop --official");
        }
        int n = classes == null ? ArchSpec.DEFAULT_CLASSES : classes;
        ArchSpec b0 = OfficialEfficientNet.model(0, n);
        List<Member> members = new ArrayList<>();
        for (double p : phis) {
            InputCheck.refuse(p != Math.rint(p) || p < 0 || p >= OfficialEfficientNet.TABLE.size(),
                    "--phi: the official family has phi 0..7 only, got " + BlockStrings.number(p));
            OfficialEfficientNet.Row row = OfficialEfficientNet.row((int) p);
            ArchSpec spec = OfficialEfficientNet.model(row.index(), n);
            Cost cost = CostModel.of(spec);
            members.add(new Member(ScalingDimension.COMPOUND, row.name(), p, ScalingFactors.of(row.width(),
                    row.depth(), (double) row.resolution() / b0.resolution()), spec, cost, Double.NaN,
                    (double) cost.macs() / CostModel.of(b0).macs()));
        }
        return members;
    }

    private List<Member> scaledMembers(List<Double> phis) {
        InputCheck.refuse(alpha == null || beta == null || gamma == null,
                "--alpha, --beta and --gamma are all required without --official; "
                + "e.g. --alpha 1.2 --beta 1.1 --gamma 1.15");
        ArchSpec baseSpec = baseSpec();
        return ScaledFamily.of(baseName() + "-phi", baseSpec, CompoundCoefficients.of(alpha, beta, gamma), phis,
                divisor(baseSpec)).members();
    }

    /** The (alpha, beta, gamma) that a family by targets needs, e.g. {@code --target-macs 100M,400M}. */
    private CompoundCoefficients coefficients(String flag, String example) {
        InputCheck.refuse(official || alpha == null || beta == null || gamma == null,
                flag + ": needs --alpha, --beta and --gamma (not --official); e.g. "
                + "--alpha 1.2 --beta 1.1 --gamma 1.15 " + flag + " " + example);
        return CompoundCoefficients.of(alpha, beta, gamma);
    }

    /** --base with --classes applied. */
    private ArchSpec baseSpec() {
        ArchSpec spec = Architectures.resolve(base);
        return classes == null ? spec : spec.withInput(spec.resolution(), spec.inChannels(), classes);
    }

    /** --resolution-divisor, else the scaling rules' divisor for the base's resolution. */
    private int divisor(ArchSpec baseSpec) {
        return resolutionDivisor != null ? resolutionDivisor : ScalingRules.resolutionDivisor(baseSpec.resolution());
    }

    private String baseName() {
        if (Architectures.names().contains(base)) {
            return base;
        }
        Path file = Path.of(base).getFileName();
        return file == null ? "base" : file.toString().replaceFirst("\\.(ya?ml|json)$", "");
    }

    private String heading() {
        if (official) {
            return "EfficientNet-B0..B7, official (width, depth, resolution) table";
        }
        CompoundCoefficients c = CompoundCoefficients.of(alpha, beta, gamma);
        return String.format(Locale.ROOT, "%s scaled by alpha=%s beta=%s gamma=%s: nominal FLOPs x%.4f per unit "
                        + "of phi (alpha*beta^2*gamma^2); resolution divisor %d", base, BlockStrings.number(alpha),
                BlockStrings.number(beta), BlockStrings.number(gamma), c.nominalFlopsRatio(),
                divisor(Architectures.resolve(base)));
    }

    private TextTable table(List<Member> members, boolean readable) {
        List<String> header = new ArrayList<>(COLUMNS);
        if (!official) {
            header.addAll(SCALED_COLUMNS);
        }
        TextTable t = new TextTable(header);
        for (Member m : members) {
            List<String> row = new ArrayList<>(List.of(m.name(), BlockStrings.number(m.phi()),
                    decimal(m.factors().width()), decimal(m.factors().depth()), Integer.toString(m.spec().resolution()),
                    TextTable.count(m.cost().params(), readable), TextTable.count(m.cost().macs(), readable)));
            if (!official) {
                row.addAll(List.of(decimal(m.nominalFlopsRatio()), decimal(m.achievedFlopsRatio()),
                        Integer.toString(m.spec().stem().filters()), Integer.toString(m.spec().head().filters()),
                        TargetedFamilyTable.stageWidths(m.spec()), TargetedFamilyTable.repeats(m.spec())));
            }
            t.add(row);
        }
        return t;
    }

    private String json(List<Member> members) {
        ObjectNode root = OutputFormat.jsonObject();
        root.put("official", official);
        if (!official) {
            root.put("base", base).put("alpha", alpha).put("beta", beta).put("gamma", gamma)
                    .put("nominal_flops_ratio_per_phi", CompoundCoefficients.of(alpha, beta, gamma).nominalFlopsRatio())
                    .put("resolution_divisor", divisor(Architectures.resolve(base)));
        }
        ArrayNode list = root.putArray("members");
        for (Member m : members) {
            ObjectNode o = list.addObject().put("model", m.name()).put("phi", m.phi()).put("width", m.factors().width())
                    .put("depth", m.factors().depth()).put("resolution", m.spec().resolution())
                    .put("params", m.cost().params()).put("macs", m.cost().macs());
            if (official) {
                o.put("flops_ratio_vs_b0", m.achievedFlopsRatio());
            } else {
                o.put("nominal_flops_ratio", m.nominalFlopsRatio()).put("achieved_flops_ratio", m.achievedFlopsRatio());
            }
            o.put("stem", m.spec().stem().filters()).put("head", m.spec().head().filters());
            ArrayNode stages = o.putArray("stages");
            m.spec().stages().forEach(s -> stages.add(BlockStrings.format(s)));
        }
        return OutputFormat.json(root);
    }

    private void write(List<Member> members) throws IOException {
        Path dir = out.resolve("family");
        try {
            Files.createDirectories(dir);
            for (Member m : members) {
                Files.writeString(dir.resolve(m.name() + ".yaml"), SpecFiles.toYaml(m.spec()), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve(m.name() + ".json"), SpecFiles.toJson(m.spec()), StandardCharsets.UTF_8);
            }
        } catch (IOException | SecurityException ex) {
            throw new InvalidInputException("--out " + out + ": cannot write there (" + ex.getMessage()
                    + "); choose a writable directory", ex);
        }
        command.commandLine().getErr().println("effnas: wrote " + members.size() + " specs to " + dir);
    }

    /** Parses {@code 0..7} (whole numbers, inclusive), {@code 0,1,2.5} or a single value. */
    static List<Double> phis(String text) {
        String t = text.trim();
        String expected = "expected a range such as 0..7, a list such as 0,1,2.5 or one value, got '" + text + "'";
        List<Double> values = new ArrayList<>();
        try {
            int dots = t.indexOf("..");
            if (dots >= 0) {
                int from = Integer.parseInt(t.substring(0, dots).trim());
                int to = Integer.parseInt(t.substring(dots + 2).trim());
                InputCheck.refuse(from > to, "--phi: range " + text + " is empty; write it low..high, e.g. 0..7");
                for (int p = from; p <= to; p++) {
                    values.add((double) p);
                }
            } else {
                for (String part : t.split(",")) {
                    values.add(Double.parseDouble(part.trim()));
                }
            }
        } catch (NumberFormatException ex) {
            throw new InvalidInputException("--phi: " + expected);
        }
        for (double v : values) {
            InputCheck.refuse(!Double.isFinite(v) || v < 0,
                    "--phi: every value must be a finite number >= 0, got " + text);
        }
        InputCheck.refuse(values.size() > 64, "--phi: at most 64 members, got " + values.size() + " from " + text);
        return values;
    }

    private static String decimal(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
