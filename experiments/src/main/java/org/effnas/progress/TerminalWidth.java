package org.effnas.progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal the progress line is drawn on: {@code COLUMNS} when the shell exports it,
 * else the terminal's own answer to {@code stty size}, else 80.
 */
public final class TerminalWidth {

    /** What a terminal that says nothing is taken to be. */
    public static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    public static int columns() {
        Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                        .trim().split("\\s+");
                Integer cols = rowsCols.length == 2 ? parse(rowsCols[1]) : null;
                if (cols != null) {
                    return cols;
                }
            } else {
                p.destroy();
            }
        } catch (IOException e) {
            // no sh or no terminal: the fallback
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }

    static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.trim());
            return n >= 20 && n <= 1000 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
