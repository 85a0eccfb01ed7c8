package org.effnas.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The effnas version and the git commit it was built from, recorded in every result's provenance.
 * The build writes {@code effnas-version.properties}; the commit is "unknown" outside a git checkout.
 */
public final class CodeVersion {

    private static final String CURRENT = load();

    private CodeVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT+3f2a9c1} ({@code -dirty} suffix when built from uncommitted changes). */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("effnas-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall through to "unknown": the version is informative, never required
        }
        String version = p.getProperty("version", "unknown");
        String commit = p.getProperty("commit", "");
        if (commit.isBlank() || commit.startsWith("${")) {
            commit = "unknown";
        }
        boolean dirty = "true".equals(p.getProperty("dirty"));
        return version + "+" + commit + (dirty ? "-dirty" : "");
    }
}
