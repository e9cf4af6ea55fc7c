package io.mktsync.it.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's commands as the README prints them: the lines of its fenced code blocks marked
 * {@code shell} or {@code jboss-cli} in the sections "Health" and "Operations", comments left out.
 */
final class Readme {

    /** Failsafe runs in the server module; the README and the printed paths are the top folder's. */
    static final Path TOP_FOLDER = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    private static final List<String> SECTIONS = List.of("Health", "Operations");
    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");

    private Readme() {
    }

    /** The command lines of the blocks marked {@code language}, in the README's order. */
    static List<String> commands(String language) {
        List<String> commands = new ArrayList<>();
        String block = null;
        for (String line : sections()) {
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                block = block == null ? fence.group(1) : null;
            } else if (language.equals(block) && !line.isBlank() && !line.strip().startsWith("#")) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    /** The first text in backquotes of those sections that matches {@code pattern}. */
    static String quoted(Pattern pattern) {
        Pattern quote = Pattern.compile("`([^`]+)`");
        for (String line : sections()) {
            Matcher m = quote.matcher(line);
            while (m.find()) {
                if (pattern.matcher(m.group(1)).matches()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("the README's Health and Operations sections quote nothing like " + pattern);
    }

    private static List<String> sections() {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        try {
            for (String line : Files.readAllLines(TOP_FOLDER.resolve("README.md"))) {
                if (line.startsWith("## ")) {
                    in = SECTIONS.contains(line.substring(3).strip());
                } else if (in) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
