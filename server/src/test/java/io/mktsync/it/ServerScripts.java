package io.mktsync.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test server's own scripts ({@code bin/jboss-cli.sh}, {@code bin/add-user.sh}), run as an administrator would. */
public final class ServerScripts {

    private ServerScripts() {
    }

    /** Runs {@code bin/SCRIPT ARGS...}; returns its output, failing unless it exits 0. */
    public static String run(String script, String... args) {
        Path bin = Path.of(System.getProperty("jboss.home"), "bin");
        List<String> command = new ArrayList<>(List.of("bash", bin.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JBOSS_HOME", bin.getParent().toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + "\n" + output);
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
