package io.mktsync.chaos;

import io.mktsync.it.Backend;
import io.mktsync.it.Plugin;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Another WildFly, started from the same installation with its own base folder and a port offset,
 * running only the plugin, so that it can be killed, stopped and restarted while the simulator (on
 * the Arquillian-managed server) keeps what Marketo has received. The chaos test's node is offset
 * by 100 on the managed server's configuration; a cluster's nodes name theirs.
 */
public final class PluginNode implements AutoCloseable {

    private static final Duration BOOT = Duration.ofSeconds(180);

    private final Path jbossHome;
    private final Path base;
    private final Path war;
    private final int portOffset;
    private final String name;
    private final String serverConfig;
    private final URI readiness;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process launcher;
    private int starts;

    /**
     * The chaos test's node: offset 100, on the managed server's configuration (arquillian.xml), so
     * that on PostgreSQL both share its database.
     */
    public PluginNode(Path jbossHome, Path base, Path war) {
        this(jbossHome, base, war, 100, "mktsync-chaos", System.getProperty("arquillian.server-config", "standalone-full.xml"));
    }

    /**
     * A node whose ports are WildFly's plus {@code portOffset}, named {@code name} (its
     * {@code jboss.node.name} and transaction node id, which nodes sharing a broker or a database
     * must not share), started with {@code serverConfig}.
     */
    public PluginNode(Path jbossHome, Path base, Path war, int portOffset, String name, String serverConfig) {
        this.jbossHome = jbossHome;
        this.base = base;
        this.war = war;
        this.portOffset = portOffset;
        this.name = name;
        this.serverConfig = serverConfig;
        this.readiness = URI.create("http://127.0.0.1:" + (9990 + portOffset) + "/health/ready");
    }

    public String name() {
        return name;
    }

    /** Where a remote JMS client reaches the node's embedded broker (not a cluster node's: it has none). */
    public String jmsUrl() {
        return "tcp://127.0.0.1:" + (8080 + portOffset)
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    }

    /**
     * A fresh base folder: the configuration as built, plus the chaos reply queue when the node has
     * its own broker, and the plugin.
     */
    public void prepare(Path configuration) throws IOException, InterruptedException {
        delete(base);
        copyTree(configuration, base.resolve("configuration"));
        Path script = base.resolve("chaos-node.cli");
        try (InputStream in = PluginNode.class.getResourceAsStream("/chaos/chaos-node.cli")) {
            Files.copy(in, script);
        }
        cli("-Djboss.server.base.dir=" + base + " -Dmktsync.server-config=" + serverConfig + " -Dmktsync.war=" + war
                + " -Dmktsync.jdbc-driver=" + war.resolveSibling("postgresql.jar") + " -Dmktsync.h2-driver=" + war.resolveSibling("h2.jar"),
                "--file=" + script);
    }

    /** Starts the node, with settings of the plugin's own as {@code -Dkey=value}, and waits until it is ready. */
    public void start(String... systemProperties) throws IOException {
        starts++;
        List<String> command = new ArrayList<>(List.of("bash", jbossHome.resolve("bin/standalone.sh").toString(),
                "-c", serverConfig,
                "--stability=community",
                "-Djboss.server.base.dir=" + base,
                "-Dmktsync.db.port=" + System.getProperty("mktsync.db.port", "5432"),
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.node.name=" + name,
                "-Djboss.tx.node.id=" + name,
                "-Dmktsync.marketo.backend=" + Backend.current().property()));
        command.addAll(List.of(systemProperties));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        pb.environment().put("JBOSS_HOME", jbossHome.toString());
        launcher = pb.start();
        awaitReady();
    }

    /** Waits until the plugin is deployed and its Marketo readiness check is UP. */
    void awaitReady() {
        Awaitility.await(name + " ready (start " + starts + ")").atMost(BOOT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    String body = http.send(HttpRequest.newBuilder(readiness).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    return body.contains("\"mktsync.war\":\"OK\"") && body.contains("\"name\":\"marketo\",\"status\":\"UP\"");
                });
    }

    /** {@code kill -9} of the server's JVM: no shutdown hook, no flush, nothing finished. */
    public void kill() {
        serverJvm().ifPresent(jvm -> {
            jvm.destroyForcibly();
            jvm.onExit().join();
        });
        launcher.onExit().join();
    }

    /** One check of the node's readiness: {@code marketo}, {@code marketo-limits}, {@code mktsync-backlog}. */
    public JsonObject check(String checkName) {
        return Plugin.check(readiness, checkName);
    }

    /** A graceful stop (SIGTERM): WildFly suspends, lets in-flight work finish, then exits. */
    public void stop() {
        serverJvm().ifPresent(jvm -> {
            jvm.destroy();
            jvm.onExit().join();
        });
        launcher.onExit().join();
    }

    /** WildFly's own {@code stop-delivery} / {@code start-delivery} of the plugin's MDB: whether this node takes requests. */
    public void delivery(boolean taking) throws IOException, InterruptedException {
        cli("", "--controller=remote+http://127.0.0.1:" + (9990 + portOffset), "--connect",
                "--commands=/deployment=mktsync.war/subsystem=ejb3/message-driven-bean=SyncRequestListener:"
                        + (taking ? "start-delivery" : "stop-delivery"));
    }

    /** {@code POST /mktsync/api/resume} on this node: what it answered. */
    public JsonObject resume() {
        return Plugin.resume(URI.create("https://127.0.0.1:" + (8443 + portOffset)));
    }

    /** Undeploys the plugin and deploys it again: the calls in flight end and are answered before the undeploy ends. */
    void redeploy() throws IOException, InterruptedException {
        cli("", "--controller=remote+http://127.0.0.1:" + (9990 + portOffset), "--connect",
                "--commands=undeploy mktsync.war,deploy " + war);
        awaitReady();
    }

    private void cli(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", jbossHome.resolve("bin/jboss-cli.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("cli.log").toFile()));
        cli.environment().put("JAVA_OPTS", javaOpts);
        if (cli.start().waitFor() != 0) {
            throw new IllegalStateException("jboss-cli " + args[args.length - 1] + " failed; see " + base.resolve("cli.log"));
        }
    }

    private Optional<ProcessHandle> serverJvm() {
        return launcher.descendants().filter(p -> p.info().command().orElse("").endsWith("java")).findFirst();
    }

    @Override
    public void close() {
        if (launcher != null && launcher.isAlive()) {
            stop();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
