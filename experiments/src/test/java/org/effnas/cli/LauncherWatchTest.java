package org.effnas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started with {@code effnas.launcher.pid} stops once that process is killed with SIGKILL; one
 * started without it is not watched. A real JVM watches a real process (a {@code sleep}) here.
 */
class LauncherWatchTest {

    @Test
    void theJvmStopsWhenItsLauncherIsKilled() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "300").start();
        Process jvm = watcher(Long.toString(launcher.pid()));
        try {
            assertEquals("watching", firstLine(jvm));
            assertFalse(jvm.waitFor(1, TimeUnit.SECONDS), "stopped while the launcher was alive");
            launcher.destroyForcibly(); // SIGKILL: what a launcher cannot forward
            launcher.waitFor(); // reaped, as the launcher's own parent shell would
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "still running 30 s after its launcher died");
            assertEquals(LauncherWatch.EXIT_LAUNCHER_GONE, jvm.exitValue());
        } finally {
            launcher.destroyForcibly();
            jvm.destroyForcibly();
        }
    }

    @Test
    void aLauncherAlreadyGoneStopsTheJvmAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process jvm = watcher(Long.toString(gone.pid()));
        try {
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
            assertEquals(LauncherWatch.EXIT_LAUNCHER_GONE, jvm.exitValue());
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void withoutThePropertyNothingIsWatched() {
        assertFalse(LauncherWatch.start(), "the test JVM has no launcher");
    }

    private static Process watcher(String launcherPid) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-D" + LauncherWatch.PROPERTY + "=" + launcherPid,
                "-cp", System.getProperty("java.class.path"), Watcher.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process p) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = p.getInputStream().read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Watches the launcher, says so, and would then wait five minutes for nothing. */
    static final class Watcher {
        public static void main(String[] args) throws InterruptedException {
            System.out.println(LauncherWatch.start() ? "watching" : "not watching");
            System.out.flush();
            Thread.sleep(300_000);
        }
    }
}
