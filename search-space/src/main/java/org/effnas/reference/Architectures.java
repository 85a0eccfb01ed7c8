package org.effnas.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.effnas.InvalidInputException;
import org.effnas.notation.SpecFiles;
import org.effnas.scaling.OfficialEfficientNet;
import org.effnas.spec.ArchSpec;

/**
 * The built-in reference architectures: {@code efficientnet-b0} .. {@code efficientnet-b7} (B0 from
 * the paper's Table 1, the others scaled by the official table), {@code mnasnet-a1} and
 * {@code effnas-mini}, the small CPU network of the worker benchmarks. B0, MnasNet-A1 and
 * effnas-mini are YAML spec files inside the jar, read by the same loader as a user's files.
 */
public final class Architectures {

    private static final List<String> FILES = List.of("efficientnet-b0", "mnasnet-a1", "effnas-mini");
    private static final List<String> NAMES = Stream.concat(
            IntStream.rangeClosed(0, 7).mapToObj(i -> "efficientnet-b" + i),
            Stream.of("mnasnet-a1", "effnas-mini")).toList();
    private static final Map<String, ArchSpec> CACHE = new ConcurrentHashMap<>();

    private Architectures() {
    }

    /** Every built-in name, in a stable order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The built-in architecture {@code name}.
     *
     * @throws InvalidInputException for an unknown name, listing the known ones
     */
    public static ArchSpec get(String name) {
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("architecture: unknown name '" + name + "'; built-ins are "
                    + String.join(", ", NAMES) + " (or give a path to a YAML/JSON spec file)");
        }
        // Not computeIfAbsent: building B1..B7 reads B0 from this same map, a recursive update.
        ArchSpec cached = CACHE.get(name);
        if (cached == null) {
            cached = build(name);
            CACHE.putIfAbsent(name, cached);
        }
        return cached;
    }

    /** A built-in name, else a YAML or JSON spec file. */
    public static ArchSpec resolve(String nameOrPath) {
        if (NAMES.contains(nameOrPath)) {
            return get(nameOrPath);
        }
        Path path = Path.of(nameOrPath);
        if (Files.exists(path)) {
            return SpecFiles.read(path);
        }
        throw new InvalidInputException("architecture: '" + nameOrPath + "' is neither a built-in ("
                + String.join(", ", NAMES) + ") nor an existing spec file; check the name or the path");
    }

    /** EfficientNet-B0 at 224 px and 1000 classes: the base of the official family. */
    public static ArchSpec efficientNetB0() {
        return get("efficientnet-b0");
    }

    private static ArchSpec build(String name) {
        if (FILES.contains(name)) {
            String resource = "/org/effnas/reference/" + name + ".yaml";
            return SpecFiles.parseYaml(BuiltinResources.text(resource), "built-in " + name);
        }
        int index = Integer.parseInt(name.substring("efficientnet-b".length()));
        return OfficialEfficientNet.model(index, ArchSpec.DEFAULT_CLASSES);
    }
}
