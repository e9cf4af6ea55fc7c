package io.mktsync.it.operations;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.ServerScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs an operator's command line from the top folder, as an operator at a prompt would, and
 * fails unless it succeeded. Returns what it printed (stdout and stderr together).
 */
final class Commands {

    /** How the README says to start the server's CLI, from the top folder. */
    static final String CLI = Readme.quoted(Pattern.compile("\\S+/bin/jboss-cli\\.sh -c"));

    private Commands() {
    }

    /** One line through bash; succeeded means exit code 0. */
    static String shell(String line) {
        return run(line, List.of("bash", "-c", line));
    }

    /**
     * One line typed in the CLI the README names, connected to the running server; succeeded means
     * exit code 0 and the operation's outcome {@code success}.
     */
    static String cli(String line) {
        List<String> command = new ArrayList<>(List.of(CLI.split(" ")));
        command.set(0, Readme.TOP_FOLDER.resolve(command.get(0)).toString());
        command.add("--command=" + line);
        String output = run(line, command);
        assertTrue(output.contains("\"outcome\" => \"success\""), line + "\n" + output);
        return output;
    }

    private static String run(String line, List<String> command) {
        return ServerScripts.run(new ProcessBuilder(command).directory(Readme.TOP_FOLDER.toFile()), line);
    }
}
