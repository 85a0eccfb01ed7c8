package org.effnas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.effnas.InvalidInputException;
import org.effnas.space.SearchSpaces;

/**
 * The search space: a built-in one by name, or one read from a file.
 *
 * @param name built-in space ({@code mnasnet}, {@code mnasnet-small}); ignored when file is set
 * @param file a search-space file (YAML or JSON), or null
 */
public record SpaceConfig(String name, String file) {

    public static final List<String> BUILT_IN = SearchSpaces.names();

    public static SpaceConfig of(String name) {
        return new SpaceConfig(name, null);
    }

    static SpaceConfig read(ConfigSection s, Path base) {
        boolean hasName = s.has("name");
        String name = s.choice("name", "mnasnet-small", BUILT_IN);
        String file = s.string("file", null);
        if (file != null) {
            if (hasName) {
                s.problem("file", "set either space.name or space.file, not both");
            }
            Path p = base.resolve(file);
            if (!Files.isRegularFile(p)) {
                s.problem("file", "no such file " + p + "; give a search-space YAML/JSON file or use space.name");
            } else {
                file = p.toString();
                try {
                    SearchSpaces.load(p);
                } catch (InvalidInputException ex) {
                    s.problem("file", ex.getMessage());
                }
            }
        }
        return new SpaceConfig(name, file);
    }
}
