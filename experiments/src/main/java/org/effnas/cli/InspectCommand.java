package org.effnas.cli;

import static org.effnas.cli.TextTable.count;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.effnas.cost.Cost;
import org.effnas.cost.CostModel;
import org.effnas.cost.LayerCost;
import org.effnas.notation.BlockStrings;
import org.effnas.reference.Architectures;
import org.effnas.space.SearchSpace;
import org.effnas.space.SearchSpaces;
import org.effnas.spec.ArchSpec;
import org.effnas.worker.graph.GraphOptions;
import org.effnas.worker.graph.GraphTranslator;
import org.effnas.worker.graph.TrainableParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code effnas inspect ARCH}: the exact per-layer cost of an architecture (output shape,
 * parameters, multiply-adds, activations) and its totals, as a table, CSV or JSON.
 * {@code effnas inspect --space NAME|FILE}: a search space's size and cost range, for choosing T.
 */
@Command(name = "inspect",
        description = {
                "Print the exact per-layer cost of an architecture: output HxWxC, trainable parameters, "
                        + "multiply-adds and activations (output elements), then the totals.",
                "ARCH is a built-in name (efficientnet-b0 .. efficientnet-b7, mnasnet-a1, effnas-mini) "
                        + "or a YAML/JSON spec file (see docs/search-space.md). Counting rules: docs/cost-model.md.",
                "--space NAME|FILE (or a space's name as ARCH) surveys a search space at its resolution or "
                        + "--resolution R: size, MACs and params of its smallest, reference and largest members, "
                        + "percentiles over a seeded sample, and a suggested T."},
        footer = {"", "Examples:",
                "  effnas inspect efficientnet-b0",
                "  effnas inspect effnas-mini --format csv > mini-layers.csv",
                "  effnas inspect best/spec.yaml --resolution 32 --format json",
                "  effnas inspect --space mnasnet-small --resolution 32"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARCH", description = "Built-in architecture name or spec "
            + "file (or use --space).")
    String architecture;

    @Option(names = "--space", paramLabel = "NAME|FILE", description = "Survey a search space instead (built-in "
            + "mnasnet, mnasnet-small, or a space YAML file): its size, the MACs and params of its smallest, "
            + "reference and largest members, percentiles over a sample, and a suggested T.")
    String space;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000", description = "Members drawn for the "
            + "--space percentiles (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the --space sample "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resolution", paramLabel = "R", description = "Input resolution (default: the spec's).")
    Integer resolution;

    @Option(names = "--classes", paramLabel = "N", description = "Classifier outputs (default: the spec's).")
    Integer classes;

    @Option(names = "--in-channels", paramLabel = "C", description = "Input channels (default: the spec's).")
    Integer inChannels;

    @Mixin
    OutputFormat.Flag format;

    @Option(names = "--dl4j",
            description = "Also build the network with Deeplearning4j and print its trainable-parameter count "
                    + "beside the cost model's (table and json formats; BN running statistics excluded).")
    boolean dl4j;

    @Override
    public Integer call() {
        InputCheck.refuse((space == null) == (architecture == null),
                "inspect: give either ARCH (an architecture) or --space NAME|FILE (a "
                + "search space), e.g. effnas inspect efficientnet-b0 or effnas inspect --space mnasnet-small");
        if (space == null && SearchSpaces.names().contains(architecture) && !Architectures.names().contains(architecture)) {
            space = architecture; // a search space's name: survey it, as --space would
        }
        if (space != null) {
            return survey();
        }
        ArchSpec spec = Architectures.resolve(architecture);
        spec = spec.withInput(resolution == null ? spec.resolution() : resolution,
                inChannels == null ? spec.inChannels() : inChannels,
                classes == null ? spec.classes() : classes);
        Cost cost = CostModel.of(spec);
        Map<String, Long> totals = totals(cost);
        if (dl4j) {
            NativeMemoryCheck.refuseIfTooLarge(cost.params());
            totals.put("dl4j_trainable_params",
                    TrainableParams.trainableParams(GraphTranslator.build(spec, GraphOptions.defaults(0))));
        }
        PrintWriter out = command.commandLine().getOut();
        switch (format.value) {
            case CSV -> out.print(layerTable(cost, totals, false).csv());
            case JSON -> out.print(json(spec, cost, totals));
            default -> {
                out.println(architecture + ": " + spec.resolution() + "x" + spec.resolution() + "x"
                        + spec.inChannels() + " input, " + spec.classes() + " classes, "
                        + spec.stages().size() + " stages, " + spec.blockCount() + " blocks, "
                        + spec.activation().text());
                out.print(layerTable(cost, totals, true).render(1));
                out.printf(Locale.ROOT, "%,d params, %.3f M; %,d MACs, %.3f G; %,d activations%n",
                        cost.params(), cost.params() / 1e6, cost.macs(), cost.macs() / 1e9, cost.activations());
                Long built = totals.get("dl4j_trainable_params");
                if (built != null) {
                    out.printf(Locale.ROOT, "DL4J ComputationGraph: %,d trainable params (%s the cost model)%n",
                            built, built == cost.params() ? "equal to" : "DIFFERENT from");
                }
            }
        }
        out.flush();
        return Effnas.EXIT_OK;
    }

    private Integer survey() {
        InputCheck.refuse(sample < 10, "--sample: must be >= 10, got " + sample);
        SearchSpace s = SearchSpaces.resolve(space);
        s = new SearchSpace(s.name(), s.backbone(), s.choices(), s.stem(), s.head(),
                resolution == null ? s.resolution() : resolution, inChannels == null ? s.inChannels() : inChannels,
                classes == null ? s.classes() : classes, s.filterDivisor(), s.activation(), s.dropout(), s.dropConnect());
        SpaceSurvey survey = SpaceSurvey.of(s, sample, seed);
        PrintWriter out = command.commandLine().getOut();
        if (format.value == OutputFormat.JSON) {
            ObjectNode root = OutputFormat.jsonObject().put("space", s.name()).put("resolution", s.resolution())
                    .put("in_channels", s.inChannels()).put("classes", s.classes()).put("size", s.size().toString());
            for (var m : members(survey)) {
                root.putObject(m.getKey()).put("macs", m.getValue().macs()).put("params", m.getValue().params())
                        .put("spec", BlockStrings.canonical(m.getValue().spec()));
            }
            ObjectNode p = root.putObject("sample");
            p.put("members", sample).put("seed", seed);
            for (int i = 0; i < SpaceSurvey.LEVELS.length; i++) {
                p.put("macs_p" + (int) SpaceSurvey.LEVELS[i], Math.round(survey.percentiles()[i]));
                p.put("params_p" + (int) SpaceSurvey.LEVELS[i], Math.round(survey.paramPercentiles()[i]));
            }
            root.put("suggested_target_macs", survey.suggestedTarget());
            out.print(OutputFormat.json(root));
        } else {
            out.printf(Locale.ROOT, "%s: %dx%dx%d input, %d classes, %d blocks; %s distinct architectures%n", s.name(),
                    s.resolution(), s.resolution(), s.inChannels(), s.classes(), s.blocks(), s.size());
            TextTable t = new TextTable(List.of("member", "MACs", "params"));
            for (var m : members(survey)) {
                t.add(List.of(m.getKey(), count(m.getValue().macs(), true), count(m.getValue().params(), true)));
            }
            for (int i = 0; i < SpaceSurvey.LEVELS.length; i++) {
                t.add(List.of("sample p" + (int) SpaceSurvey.LEVELS[i], count(Math.round(survey.percentiles()[i]), true),
                        count(Math.round(survey.paramPercentiles()[i]), true)));
            }
            out.print(t.render(0));
            out.printf(Locale.ROOT, "percentiles over %d members drawn uniformly (seed %d); reference = the space's "
                    + "backbone%n", sample, seed);
            out.printf(Locale.ROOT, "suggested T: %,d MACs (the reference member, the default T when none is "
                    + "given); set reward.target_macs to move the search cheaper or larger%n", survey.suggestedTarget());
        }
        out.flush();
        return Effnas.EXIT_OK;
    }

    /** The smallest, reference and largest members of a surveyed space, by that name. */
    private static List<Map.Entry<String, SpaceSurvey.Member>> members(SpaceSurvey survey) {
        return List.of(Map.entry("smallest", survey.smallest()), Map.entry("reference", survey.reference()),
                Map.entry("largest", survey.largest()));
    }

    /**
     * The totals printed after the layers, by column. Other counts of the same network (such as a
     * framework's own trainable-parameter count) belong here as extra entries.
     */
    static Map<String, Long> totals(Cost cost) {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("params", cost.params());
        totals.put("macs", cost.macs());
        totals.put("activations", cost.activations());
        return totals;
    }

    private static TextTable layerTable(Cost cost, Map<String, Long> totals, boolean readable) {
        TextTable t = new TextTable(readable
                ? List.of("layer", "type", "output", "params", "MACs", "activations")
                : List.of("layer", "type", "height", "width", "channels", "params", "macs", "activations"));
        for (LayerCost l : cost.layers()) {
            List<String> row = new ArrayList<>(List.of(l.name(), l.type()));
            if (readable) {
                row.add(l.shape());
            } else {
                row.addAll(List.of(Integer.toString(l.height()), Integer.toString(l.width()),
                        Integer.toString(l.channels())));
            }
            row.addAll(List.of(count(l.params(), readable), count(l.macs(), readable),
                    count(l.activations(), readable)));
            t.add(row);
        }
        List<String> total = new ArrayList<>(List.of("total", ""));
        total.addAll(readable ? List.of("") : List.of("", "", ""));
        total.addAll(List.of(count(totals.get("params"), readable), count(totals.get("macs"), readable),
                count(totals.get("activations"), readable)));
        t.add(total);
        return t;
    }

    private static String json(ArchSpec spec, Cost cost, Map<String, Long> totals) {
        ObjectNode root = OutputFormat.jsonObject().put("spec", BlockStrings.canonical(spec))
                .put("resolution", spec.resolution()).put("in_channels", spec.inChannels()).put("classes", spec.classes());
        ArrayNode layers = root.putArray("layers");
        for (LayerCost l : cost.layers()) {
            layers.addObject().put("name", l.name()).put("type", l.type()).put("height", l.height())
                    .put("width", l.width()).put("channels", l.channels()).put("params", l.params())
                    .put("macs", l.macs()).put("activations", l.activations());
        }
        ObjectNode t = root.putObject("totals");
        totals.forEach(t::put);
        return OutputFormat.json(root);
    }
}
