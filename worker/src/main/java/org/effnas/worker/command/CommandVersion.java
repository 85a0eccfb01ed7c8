package org.effnas.worker.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The version of a command, for provenance: its argv with the SHA-256 (first 12 hex digits) of every
 * argument that names a file, the program found on PATH included, e.g.
 * {@code python3 trainers/pytorch/train.py {request} ... [python3 3a1f..., train.py 9c0d...]}. A
 * changed script gives a changed version; the trainer may add its own in the result's {@code version}.
 */
final class CommandVersion {

    private CommandVersion() {
    }

    static String of(CommandSettings s) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < s.argv().size(); i++) {
            String a = s.argv().get(i);
            if (a.contains("{")) {
                continue;
            }
            Path file = i == 0 ? CommandSettings.program(a, s.workdir()).orElse(null) : s.workdir().resolve(a);
            if (file != null && Files.isRegularFile(file)) {
                hashes.add(file.getFileName() + " " + sha256(file));
            }
        }
        return String.join(" ", s.argv()) + (hashes.isEmpty() ? "" : " [sha256 " + String.join(", ", hashes) + "]");
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 12);
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
