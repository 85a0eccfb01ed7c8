package org.effnas.cluster.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.effnas.InvalidInputException;

/**
 * An experiment's cluster name and secret, kept together in {@code cluster.secret} in the
 * experiment directory (mode 0600): created at the first start, read again on {@code --resume} so
 * workers that were running reconnect to the restarted coordinator. The name is random, so it says
 * nothing about the config; it is not the secret (it is printed), the key is.
 *
 * @param clusterName e.g. {@code effnas-3f9a0c12d4e5b6a7}
 */
public record ClusterCredentials(String clusterName, ClusterSecret secret) {

    /** The file's name in the experiment directory. */
    public static final String FILE = "cluster.secret";
    /** The environment variable a worker may read the key from instead of a file (base64). */
    public static final String ENV = "EFFNAS_CLUSTER_SECRET";
    private static final long MAX_FILE_BYTES = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ClusterCredentials {
        if (clusterName == null || clusterName.isBlank() || secret == null) {
            throw new IllegalArgumentException("credentials need a cluster name and a secret");
        }
    }

    /** A random name and key (an embedded cluster, a benchmark: nothing to resume). */
    public static ClusterCredentials generate(String prefix) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new ClusterCredentials(prefix + "-" + HexFormat.of().formatHex(b), ClusterSecret.generate());
    }

    /** Reads {@code dir/cluster.secret}, or creates it (mode 0600) with a random name and key. */
    public static ClusterCredentials loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            return read(file, "cluster secret " + file);
        }
        ClusterCredentials fresh = generate("effnas");
        String text = "# effnas cluster credentials. Give this file to workers (effnas worker --secret-file FILE);\n"
                + "# keep it private: whoever holds it can post results to this experiment.\n"
                + "cluster=" + fresh.clusterName + "\nkey=" + fresh.secret.text() + "\n";
        try {
            Files.createDirectories(dir);
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
            return read(file, "cluster secret " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster secret " + file, e);
        }
        return fresh;
    }

    /**
     * Reads a secret file ({@code --secret-file}).
     *
     * @param where names the option or file in messages
     */
    public static ClusterCredentials read(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(where + ": no such file; copy cluster.secret from the experiment "
                    + "directory the coordinator printed");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException(where + ": over " + MAX_FILE_BYTES + " bytes, not a cluster secret file");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                    continue;
                }
                values.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim());
            }
            if (!values.containsKey("cluster") || !values.containsKey("key")) {
                throw new InvalidInputException(where + ": expected 'cluster=' and 'key=' lines, as the coordinator "
                        + "writes them");
            }
            return new ClusterCredentials(values.get("cluster"), ClusterSecret.parse(values.get("key"), where));
        } catch (IOException e) {
            throw new InvalidInputException(where + ": cannot read: " + e.getMessage());
        }
    }
}
