package org.effnas.space;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.effnas.InvalidInputException;
import org.effnas.notation.BlockStrings;
import org.effnas.notation.StrictMapping;
import org.effnas.reference.BuiltinResources;
import org.effnas.scaling.ScalingRules;
import org.effnas.spec.Activation;
import org.effnas.spec.ArchSpec;
import org.effnas.spec.BlockOp;

/**
 * Search-space files (YAML or JSON) and the built-in spaces {@code mnasnet} (ImageNet-sized,
 * MobileNetV2 backbone) and {@code mnasnet-small} (28-32 px inputs, effnas-mini as its reference
 * point), which ship as YAML inside the jar and load through the same reader. The format is
 * documented in docs/search-space.md.
 */
public final class SearchSpaces {

    /** Top-level keys of a search-space file. */
    public static final Set<String> KEYS = new LinkedHashSet<>(List.of("name", "resolution", "in_channels",
            "classes", "stem", "head", "activation", "dropout", "drop_connect", "filter_divisor", "backbone",
            "choices"));
    public static final Set<String> BACKBONE_KEYS = new LinkedHashSet<>(List.of("t", "c", "n", "s"));
    public static final Set<String> CHOICE_KEYS = new LinkedHashSet<>(List.of("op", "kernel", "se", "skip",
            "filters", "layers"));
    private static final List<String> BUILTINS = List.of("mnasnet", "mnasnet-small");
    private static final Map<String, SearchSpace> CACHE = new ConcurrentHashMap<>();

    private SearchSpaces() {
    }

    /** Names of the built-in spaces. */
    public static List<String> names() {
        return BUILTINS;
    }

    /** A built-in space by name. */
    public static SearchSpace builtin(String name) {
        if (!BUILTINS.contains(name)) {
            throw new InvalidInputException("search space: unknown name '" + name + "'; built-ins are "
                    + String.join(", ", BUILTINS) + " (or give a path to a YAML/JSON search-space file)");
        }
        return CACHE.computeIfAbsent(name, n -> fromMapping(StrictMapping.parseYaml(
                BuiltinResources.text("/org/effnas/space/" + n + ".yaml"), "built-in search space " + n, KEYS), n));
    }

    /** Reads a search-space file, JSON when it ends in {@code .json} or starts with '{', else YAML. */
    public static SearchSpace load(Path file) {
        String fallbackName = file.getFileName() == null ? "space"
                : file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return fromMapping(StrictMapping.read(file, KEYS), fallbackName);
    }

    /** A built-in name, else a search-space file. */
    public static SearchSpace resolve(String nameOrPath) {
        if (BUILTINS.contains(nameOrPath)) {
            return builtin(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (Files.exists(path)) {
            return load(path);
        }
        throw new InvalidInputException("search space: '" + nameOrPath + "' is neither a built-in ("
                + String.join(", ", BUILTINS) + ") nor an existing file; check the name or the path");
    }

    /** Parses search-space YAML text; {@code sourceName} prefixes every error. */
    public static SearchSpace parseYaml(String text, String sourceName) {
        return fromMapping(StrictMapping.parseYaml(text, sourceName, KEYS), sourceName);
    }

    private static SearchSpace fromMapping(StrictMapping m, String fallbackName) {
        return m.within(() -> {
            List<BackboneBlock> backbone = new ArrayList<>();
            for (StrictMapping b : m.mappings("backbone", BACKBONE_KEYS)) {
                backbone.add(BackboneBlock.of(required(b, "t"), required(b, "c"), required(b, "n"), required(b, "s")));
            }
            StrictMapping c = m.mapping("choices", CHOICE_KEYS);
            List<BlockOp> ops = new ArrayList<>();
            for (String op : c.texts("op")) {
                ops.add(OpNames.parse(op, "choices.op"));
            }
            List<Boolean> skips = new ArrayList<>();
            for (String skip : c.texts("skip")) {
                skips.add(bool(skip));
            }
            BlockChoices choices = BlockChoices.of(ops, c.integers("kernel"), c.decimals("se"), skips,
                    c.decimals("filters"), c.integers("layers"));
            return new SearchSpace(m.text("name", fallbackName), backbone, choices,
                    m.parsed("stem", BlockStrings::parseStem, ArchSpec.DEFAULT_STEM),
                    m.parsed("head", BlockStrings::parseHead, ArchSpec.DEFAULT_HEAD),
                    m.integer("resolution", ArchSpec.DEFAULT_RESOLUTION),
                    m.integer("in_channels", ArchSpec.DEFAULT_IN_CHANNELS),
                    m.integer("classes", ArchSpec.DEFAULT_CLASSES),
                    m.integer("filter_divisor", ScalingRules.DEFAULT_FILTER_DIVISOR),
                    m.parsed("activation", Activation::parse, ArchSpec.DEFAULT_ACTIVATION),
                    m.decimal("dropout", ArchSpec.DEFAULT_DROPOUT),
                    m.decimal("drop_connect", ArchSpec.DEFAULT_DROP_CONNECT)).checkedLargest();
        });
    }

    private static int required(StrictMapping block, String key) {
        if (!block.has(key)) {
            throw block.error(key, "is required (each backbone block has t, c, n and s)");
        }
        return block.integer(key, 0);
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("choices.skip: expected true or false, got '" + text + "'");
        };
    }
}
