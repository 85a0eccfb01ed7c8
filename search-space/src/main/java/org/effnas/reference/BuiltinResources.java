package org.effnas.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the YAML files shipped inside the search-space jar. */
public final class BuiltinResources {

    private BuiltinResources() {
    }

    /** The text of classpath resource {@code path} (absolute, e.g. {@code /org/effnas/space/mnasnet.yaml}). */
    public static String text(String path) {
        try (InputStream in = BuiltinResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read built-in resource " + path, ex);
        }
    }
}
