package org.effnas.cli;

import java.util.Optional;

/**
 * Stops this JVM when the {@code effnas} launcher script that started it is gone. The launcher stays
 * as java's parent (it filters one line of stderr and waits, so that nothing arrives after it has
 * exited) and forwards TERM, INT, HUP and QUIT; SIGKILL it cannot forward. Without this watch, a
 * launcher killed with SIGKILL (say, to take a worker down hard) would leave java running on its own.
 * The launcher passes its PID as the system property {@value #PROPERTY}.
 */
final class LauncherWatch {

    /** The launcher's PID; absent when the JVM was started another way. */
    static final String PROPERTY = "effnas.launcher.pid";

    /** The exit code when the launcher vanished: 128 + SIGTERM, as if the launcher had forwarded one. */
    static final int EXIT_LAUNCHER_GONE = 143;

    private LauncherWatch() {
    }

    /** Starts watching the launcher named by {@value #PROPERTY}, if any; returns whether it did. */
    static boolean start() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return false;
        }
        Optional<ProcessHandle> launcher;
        try {
            launcher = ProcessHandle.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return false; // not our launcher's doing; nothing to watch
        }
        if (launcher.isEmpty()) {
            exitBecauseGone(value); // it died before java got here
        }
        launcher.get().onExit().thenRun(() -> exitBecauseGone(value));
        return true;
    }

    private static void exitBecauseGone(String pid) {
        // System.exit, not halt: shutdown hooks leave the cluster cleanly; journals are fsynced per entry anyway
        System.err.println("effnas: the launcher (pid " + pid + ") was killed; stopping");
        System.exit(EXIT_LAUNCHER_GONE);
    }
}
