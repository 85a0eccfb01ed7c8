package org.effnas.notation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.effnas.cost.CostModel;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.Stage;

/**
 * Architecture spec files, YAML or JSON with the same keys:
 * <pre>
 * resolution: 224          # input height = width
 * in_channels: 3
 * classes: 1000
 * stem: k3_s2_o32
 * blocks:                  # the only required key: one block string per stage
 *   - r1_k3_s11_e1_i32_o16_se0.25
 *   - r2_k3_s22_e6_i16_o24_se0.25
 * head: o1280
 * activation: swish        # or relu
 * dropout: 0.2
 * drop_connect: 0.2
 * </pre>
 * Every key but {@code blocks} defaults to EfficientNet-B0's value. An unknown key is an error
 * naming it and the allowed ones. {@link #toYaml} and {@link #toJson} write every key, and parsing
 * their output gives back an equal spec.
 */
public final class SpecFiles {

    /** The keys of a spec file, in the order they are written. */
    public static final Set<String> KEYS = new LinkedHashSet<>(List.of("resolution", "in_channels",
            "classes", "stem", "blocks", "head", "activation", "dropout", "drop_connect"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter JSON_WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private SpecFiles() {
    }

    /** Reads a spec file, JSON when it ends in {@code .json} or starts with '{', else YAML. */
    public static ArchSpec read(Path file) {
        return fromMapping(StrictMapping.read(file, KEYS));
    }

    public static ArchSpec parseYaml(String text, String sourceName) {
        return fromMapping(StrictMapping.parseYaml(text, sourceName, KEYS));
    }

    public static ArchSpec parseJson(String text, String sourceName) {
        return fromMapping(StrictMapping.parseJson(text, sourceName, KEYS));
    }

    private static ArchSpec fromMapping(StrictMapping m) {
        // the cost limits are checked here too, so a refusal names the file
        return m.within(() -> checkedCost(ArchSpec.of(
                m.integer("resolution", ArchSpec.DEFAULT_RESOLUTION),
                m.integer("in_channels", ArchSpec.DEFAULT_IN_CHANNELS),
                m.integer("classes", ArchSpec.DEFAULT_CLASSES),
                m.parsed("stem", BlockStrings::parseStem, ArchSpec.DEFAULT_STEM),
                BlockStrings.parseAll(m.texts("blocks")),
                m.parsed("head", BlockStrings::parseHead, ArchSpec.DEFAULT_HEAD),
                m.parsed("activation", Activation::parse, ArchSpec.DEFAULT_ACTIVATION),
                m.decimal("dropout", ArchSpec.DEFAULT_DROPOUT),
                m.decimal("drop_connect", ArchSpec.DEFAULT_DROP_CONNECT))));
    }

    private static ArchSpec checkedCost(ArchSpec spec) {
        CostModel.of(spec);
        return spec;
    }

    /** The spec as YAML, every key written, blocks one per line. */
    public static String toYaml(ArchSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("resolution: ").append(spec.resolution()).append('\n')
                .append("in_channels: ").append(spec.inChannels()).append('\n')
                .append("classes: ").append(spec.classes()).append('\n')
                .append("stem: ").append(BlockStrings.formatStem(spec.stem())).append('\n')
                .append("blocks:\n");
        for (Stage s : spec.stages()) {
            b.append("  - ").append(BlockStrings.format(s)).append('\n');
        }
        b.append("head: ").append(BlockStrings.formatHead(spec.head())).append('\n')
                .append("activation: ").append(spec.activation().text()).append('\n')
                .append("dropout: ").append(BlockStrings.exactNumber(spec.dropout())).append('\n')
                .append("drop_connect: ").append(BlockStrings.exactNumber(spec.dropConnect())).append('\n');
        return b.toString();
    }

    /** The spec as pretty-printed JSON with the same keys as the YAML form. */
    public static String toJson(ArchSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("resolution", spec.resolution());
        root.put("in_channels", spec.inChannels());
        root.put("classes", spec.classes());
        root.put("stem", BlockStrings.formatStem(spec.stem()));
        ArrayNode blocks = root.putArray("blocks");
        spec.stages().forEach(s -> blocks.add(BlockStrings.format(s)));
        root.put("head", BlockStrings.formatHead(spec.head()));
        root.put("activation", spec.activation().text());
        root.put("dropout", new BigDecimal(BlockStrings.exactNumber(spec.dropout())));
        root.put("drop_connect", new BigDecimal(BlockStrings.exactNumber(spec.dropConnect())));
        try {
            return JSON_WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("writing a JSON tree cannot fail", ex);
        }
    }
}
