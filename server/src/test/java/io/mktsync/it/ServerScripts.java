package io.mktsync.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test server's own scripts ({@code bin/jboss-cli.sh}, {@code bin/add-user.sh}), and any command a test runs, run as an administrator would. */
public final class ServerScripts {

    private ServerScripts() {
    }

    /** Runs {@code bin/SCRIPT ARGS...}; returns its output, failing unless it exits 0. */
    public static String run(String script, String... args) {
        Path bin = Path.of(System.getProperty("jboss.home"), "bin");
        List<String> command = new ArrayList<>(List.of("bash", bin.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JBOSS_HOME", bin.getParent().toString());
        return run(builder, String.join(" ", command));
    }

    /** Runs a process; returns its output (stdout and stderr together), failing, with {@code what}, unless it exits 0. */
    public static String run(ProcessBuilder builder, String what) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(what + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
