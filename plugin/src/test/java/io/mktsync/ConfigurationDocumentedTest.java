package io.mktsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration table an operator reads (docs/configuration.md) against what the plugin reads,
 * so that neither can change without the other: every key the code reads is in the table, every
 * {@code mktsync.*} key of the table is read, every Fault Tolerance row names an annotation and an
 * attribute the guarded method has, and every row's environment variable is its key's (a secret's
 * row names its credential store alias, which config/configure-server.cli maps to the key). Also the
 * README, the newcomer's way in: short, and linking every page of docs/.
 */
class ConfigurationDocumentedTest {

    private static final Path MODULE = module();
    private static final Path TOP = MODULE.getParent();
    private static final Path CONFIGURATION = TOP.resolve("docs/configuration.md");
    private static final Path README = TOP.resolve("README.md");
    private static final Path CONFIGURE_SERVER = TOP.resolve("config/configure-server.cli");

    /** The table's "environment variable" of a secret: where in the credential store it is read instead. */
    private static final String CREDENTIAL_STORE = "credential-store::";

    /** The README stays a way in; what grows goes to a page of docs/. */
    private static final int README_MAX_LINES = 220;

    private static final String TABLE_HEADER = "| key | default | environment variable | meaning |";

    /** The table writes the Fault Tolerance keys after the first as {@code …/Retry/delay}, {@code …_RETRY_DELAY}. */
    private static final String ELLIPSIS = "…";

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(([^)]*)\\)");
    private static final Pattern NAME = Pattern.compile("\\bname\\s*=\\s*(?:\"([^\"]*)\"|([A-Za-z_][\\w.]*))");
    private static final Pattern CONSTANT = Pattern.compile(
            "\\bstatic\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;|\\bfinal\\s+static\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /**
     * {@code ${key:default}} or {@code ${key}}; {@code ${env.X:...}} names an environment variable and
     * {@code ${handler::name}} a secret, not a key.
     */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(?!env\\.)([^:}$\\s]++)(?!::)");
    private static final Pattern LOOKUP = Pattern.compile("\\.get(?:Optional)?Value\\s*\\(\\s*\"([^\"]+)\"");

    /** One row of the table, its abbreviations expanded. */
    record Row(int line, String key, String environmentVariable) {
    }

    @Test
    void everyKeyTheCodeReadsIsInTheTable() throws IOException {
        Set<String> documented = keys(table());
        Map<String, Set<String>> missing = new TreeMap<>(readByTheCode());
        missing.keySet().removeAll(documented);
        assertTrue(missing.isEmpty(), "keys read by the code but not in " + CONFIGURATION + " (key=[files]): " + missing);
    }

    @Test
    void everyMktsyncKeyInTheTableIsRead() throws IOException {
        Set<String> read = readByTheCode().keySet();
        Set<String> unread = new TreeSet<>();
        Set<String> unknown = new TreeSet<>();
        for (Row row : table()) {
            if (row.key().startsWith("mktsync.")) {
                if (!read.contains(row.key())) {
                    unread.add(row.key());
                }
            } else if (!isFaultTolerance(row.key())) {
                unknown.add(row.key());
            }
        }
        assertTrue(unread.isEmpty(), "keys in " + CONFIGURATION + " that no code reads: " + unread);
        assertTrue(unknown.isEmpty(), "keys in " + CONFIGURATION + " that are neither mktsync.* nor Fault Tolerance: " + unknown);
    }

    @Test
    void everyFaultToleranceRowNamesWhatTheMethodHas() throws IOException {
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (Row row : table()) {
            if (isFaultTolerance(row.key())) {
                rows++;
                String problem = faultToleranceProblem(row.key());
                if (problem != null) {
                    wrong.add(row.key() + " (line " + row.line() + "): " + problem);
                }
            }
        }
        assertTrue(rows > 0, CONFIGURATION + " has no Fault Tolerance rows");
        assertTrue(wrong.isEmpty(), "Fault Tolerance rows that name nothing the code has:\n" + String.join("\n", wrong));
    }

    @Test
    void everyEnvironmentVariableIsItsKeys() throws IOException {
        List<String> wrong = new ArrayList<>();
        String secrets = Files.readString(CONFIGURE_SERVER);
        for (Row row : table()) {
            if (row.environmentVariable().startsWith(CREDENTIAL_STORE)) {
                // A secret: no environment variable, the config source of configure-server.cli names its alias.
                String mapping = "\"" + row.key() + "\" => \"${" + row.environmentVariable() + "}\"";
                if (!secrets.contains(mapping)) {
                    wrong.add(row.key() + " (line " + row.line() + "): " + CONFIGURE_SERVER + " has no " + mapping);
                }
                continue;
            }
            String expected = environmentForm(row.key());
            if (!expected.equals(row.environmentVariable())) {
                wrong.add(row.key() + " (line " + row.line() + "): " + row.environmentVariable() + ", should be " + expected);
            }
        }
        assertTrue(wrong.isEmpty(), "environment variables in " + CONFIGURATION + " that are not their key's:\n"
                + String.join("\n", wrong));
    }

    @Test
    void readmeIsShortAndLinksEveryDocsPage() throws IOException {
        String readme = Files.readString(README);
        long lines = readme.lines().count();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; at most " + README_MAX_LINES
                + ": move what grows to a page of docs/");
        Set<String> unlinked = new TreeSet<>();
        try (Stream<Path> pages = Files.list(TOP.resolve("docs"))) {
            pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).forEach(page -> {
                if (!Pattern.compile("\\]\\(docs/" + Pattern.quote(page) + "(#[^)]*)?\\)").matcher(readme).find()) {
                    unlinked.add("docs/" + page);
                }
            });
        }
        assertTrue(unlinked.isEmpty(), "pages the README does not link: " + unlinked);
    }

    /** Surefire sets basedir to this module's folder; run from the top folder (an IDE), it is plugin/. */
    private static Path module() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        return Files.isDirectory(dir.resolve("src/main/java/io/mktsync")) ? dir : dir.resolve("plugin");
    }

    /** The rows of the table headed {@link #TABLE_HEADER}, with {@code …} expanded. */
    static List<Row> table() throws IOException {
        List<String> lines = Files.readAllLines(CONFIGURATION);
        int header = lines.indexOf(TABLE_HEADER);
        assertTrue(header >= 0, CONFIGURATION + " has no table headed " + TABLE_HEADER);
        List<Row> rows = new ArrayList<>();
        String abbreviated = null;
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            if (cells.length < 4) {
                fail(CONFIGURATION + " line " + (i + 1) + " is not a row of four cells: " + lines.get(i));
            }
            String key = code(cells[1], i);
            String variable = code(cells[3], i);
            if (key.startsWith(ELLIPSIS) || variable.startsWith(ELLIPSIS)) {
                if (abbreviated == null) {
                    fail(CONFIGURATION + " line " + (i + 1) + " abbreviates with … before any full Fault Tolerance key");
                }
                key = key.replace(ELLIPSIS, abbreviated);
                variable = variable.replace(ELLIPSIS, environmentForm(abbreviated));
            } else if (isFaultTolerance(key)) {
                // What … stands for: the class and the method, io.mktsync.resilience.MarketoCalls/syncMObjects.
                String[] parts = key.split("/");
                abbreviated = parts[0] + "/" + parts[1];
            }
            rows.add(new Row(i + 1, key, variable));
        }
        assertTrue(rows.size() > 1, CONFIGURATION + ": the table has no rows");
        return rows;
    }

    private static String code(String cell, int index) {
        String text = cell.strip();
        if (text.length() < 2 || !text.startsWith("`") || !text.endsWith("`")) {
            fail(CONFIGURATION + " line " + (index + 1) + ": expected `code` in the cell, was " + text);
        }
        return text.substring(1, text.length() - 1);
    }

    private static Set<String> keys(List<Row> rows) {
        return rows.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isFaultTolerance(String key) {
        return key.contains("/");
    }

    /** MicroProfile Config's environment form: upper case, every character other than a letter or digit an underscore. */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Why {@code class/method/Annotation/attribute} names nothing the code has, or null. */
    private static String faultToleranceProblem(String key) {
        String[] parts = key.split("/");
        if (parts.length != 4) {
            return "not <class>/<method>/<annotation>/<attribute>";
        }
        Class<?> type;
        try {
            type = Class.forName(parts[0], false, ConfigurationDocumentedTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "no class " + parts[0];
        }
        List<Method> methods = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(parts[1])).toList();
        if (methods.isEmpty()) {
            return "no method " + parts[1] + " in " + type.getName();
        }
        for (Method method : methods) {
            for (Annotation annotation : method.getAnnotations()) {
                if (annotation.annotationType().getSimpleName().equals(parts[2])) {
                    boolean has = Arrays.stream(annotation.annotationType().getDeclaredMethods())
                            .anyMatch(m -> m.getName().equals(parts[3]));
                    return has ? null : "@" + parts[2] + " has no attribute " + parts[3];
                }
            }
        }
        return type.getSimpleName() + "." + parts[1] + " has no @" + parts[2];
    }

    /**
     * Every key the plugin's sources read, with the files that read it: {@code @ConfigProperty(name = ...)}
     * (a literal or a constant), {@code ${key:...}} expressions in annotations (WildFly replaces them, as for
     * the intake's {@code maxSession}; every string literal is looked at, which covers those), and
     * {@code Config.getValue("key", ...)} or {@code getOptionalValue}.
     */
    static Map<String, Set<String>> readByTheCode() throws IOException {
        Map<String, String> code = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.put(MODULE.relativize(file).toString(), withoutComments(Files.readString(file)));
            }
        }
        assertTrue(!code.isEmpty(), "no sources under " + MODULE.resolve("src/main/java"));

        Map<String, Set<String>> constants = new TreeMap<>();
        code.values().forEach(source -> {
            Matcher m = CONSTANT.matcher(source);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(3);
                String value = m.group(1) != null ? m.group(2) : m.group(4);
                constants.computeIfAbsent(name, n -> new TreeSet<>()).add(value);
            }
        });

        Map<String, Set<String>> keys = new TreeMap<>();
        code.forEach((file, source) -> {
            Matcher property = CONFIG_PROPERTY.matcher(source);
            while (property.find()) {
                Matcher name = NAME.matcher(property.group(1));
                if (!name.find()) {
                    fail(file + ": @ConfigProperty without a name: " + property.group());
                }
                String key = name.group(1);
                if (key == null) {
                    String constant = name.group(2).substring(name.group(2).lastIndexOf('.') + 1);
                    Set<String> values = constants.getOrDefault(constant, Set.of());
                    assertEquals(1, values.size(), file + ": cannot tell the key of @ConfigProperty(name = "
                            + name.group(2) + "); constants of that name: " + values);
                    key = values.iterator().next();
                }
                keys.computeIfAbsent(key, k -> new TreeSet<>()).add(file);
            }
            Matcher literal = STRING_LITERAL.matcher(source);
            while (literal.find()) {
                Matcher expression = EXPRESSION.matcher(literal.group(1));
                while (expression.find()) {
                    keys.computeIfAbsent(expression.group(1), k -> new TreeSet<>()).add(file);
                }
            }
            Matcher lookup = LOOKUP.matcher(source);
            while (lookup.find()) {
                keys.computeIfAbsent(lookup.group(1), k -> new TreeSet<>()).add(file);
            }
        });
        assertTrue(keys.containsKey("mktsync.intake.sessions"), "the intake's ${mktsync.intake.sessions:...} was not found: "
                + keys.keySet());
        return keys;
    }

    /**
     * The source with its comments blanked, string and character literals kept: a key in a comment
     * (as in MarketoCalls' javadoc) is not a key the code reads.
     */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(source, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
