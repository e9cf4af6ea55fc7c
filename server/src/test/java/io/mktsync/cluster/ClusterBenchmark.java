package io.mktsync.cluster;

import io.mktsync.benchmark.Backlog;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster benchmark (docs/performance.md, "Two nodes"): not a test, it prints a table. A backlog of one-object
 * INSERTs at saturation, the simulator enforcing exactly Marketo's limits (100 calls per 20 s, 10 at
 * once, 500 ms per call), REST backend, plugin defaults; first with node2 stopped (one node on the same
 * broker pair and PostgreSQL: the baseline of the same run), then with both nodes taking requests.
 * Throughput in steady state, as the one-node benchmark counts it; refusals are the calls the
 * simulator answered with Marketo's limit codes.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "mktsync.cluster", matches = "true")
class ClusterBenchmark {

    private static final Path TARGET = Path.of(System.getProperty("mktsync.deployments", "target/deployments")).getParent();
    private static final int WINDOWS = Integer.getInteger("benchmark.windows", 4);
    private static final int LIMITER_CALLS = 96;
    private static final int OBJECTS_PER_CALL = 300;
    private static final double CEILING = 100 * OBJECTS_PER_CALL / 20.0;
    private static final Set<String> REFUSALS = Set.of("606", "615", "20023", "20024");
    private static final String MARKETO = "{\"latencyMs\":500,\"rateLimitCalls\":100,\"rateLimitWindowMs\":20000,\"concurrencyLimit\":10}";

    @Deployment(testable = false)
    static WebArchive simulator() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, TARGET.resolve("deployments/simulator.war").toFile());
    }

    @Test
    void benchmark() throws Exception {
        StringBuilder report = new StringBuilder("Cluster benchmark: REST backend, simulator at 500 ms per call with Marketo's "
                + "limits (100 calls per 20 s, 10 at once), plugin defaults, broker pair and PostgreSQL; "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ".\n\n"
                + "| nodes | 1-object requests | objects/s | of ceiling (1,500/s) | objects/call | refused calls "
                + "| stored by node1 / node2 | p50 / p99 send→reply ms | machine CPU busy | CPU ms per object: WildFly (nodes, simulator) / brokers / PostgreSQL |\n"
                + "|---|---:|---:|---:|---:|---:|---|---|---:|---|\n");
        try (Cluster cluster = new Cluster(TARGET)) {
            cluster.start();
            // Both nodes' first deliveries pay for the JIT and the REST backend's set-up: a warm-up backlog unmeasured.
            saturate(cluster, 2 * OBJECTS_PER_CALL, null);
            cluster.node2().stop();
            saturate(cluster, WINDOWS * LIMITER_CALLS * OBJECTS_PER_CALL, report.append("| 1 (node2 stopped) "));
            cluster.node2().start();
            saturate(cluster, WINDOWS * LIMITER_CALLS * OBJECTS_PER_CALL, report.append("| 2 "));
        }
        System.out.println("\n" + report);
        Files.writeString(TARGET.resolve("cluster-benchmark.md"), report);
    }

    private static void saturate(Cluster cluster, int requests, StringBuilder row) throws Exception {
        long storedBy1 = Cluster.storedHere(cluster.node1());
        long storedBy2 = Cluster.storedHere(cluster.node2());
        Cpu before = Cpu.now();
        Simulator.reset();
        Simulator.faults(MARKETO);
        try (Backlog run = new Backlog(BrokerPair.URL)) {
            List<String> bodies = new ArrayList<>(requests);
            String prefix = "cluster-" + System.nanoTime() + "-";
            for (int i = 0; i < requests; i++) {
                bodies.add(Requests.opportunity("INSERT", prefix + i, "b"));
            }
            run.sendAll(bodies);
            run.awaitReplies(requests);
            if (row == null) {
                return;
            }
            Cpu used = Cpu.now().minus(before);
            List<JsonObject> calls = Simulator.syncCalls();
            long refused = calls.stream().filter(c -> REFUSALS.contains(c.getString("answer", ""))).count();
            double objectsPerSecond = run.steadyObjectsPerSecond(1);
            row.append(String.format("| %,d | %.1f | %.1f %% | %.1f | %d | %,d / %,d | %,d / %,d | %.0f %% | %.3f / %.3f / %.3f |%n",
                    requests, objectsPerSecond, 100 * objectsPerSecond / CEILING, (double) requests / (calls.size() - refused), refused,
                    Cluster.storedHere(cluster.node1()) - storedBy1, Cluster.storedHere(cluster.node2()) - storedBy2, run.p50(), run.p99(),
                    100.0 * used.busy() / used.total(), used.wildflyNanos() / 1e6 / requests, used.brokerNanos() / 1e6 / requests,
                    used.postgresNanos() / 1e6 / requests));
        }
    }

    /**
     * The machine's CPU (from /proc/stat, in clock ticks: busy and in all) and the CPU time of the
     * processes the cluster runs on it, by kind. A process that ended in between is not counted.
     */
    private record Cpu(long busy, long total, long wildflyNanos, long brokerNanos, long postgresNanos) {

        static Cpu now() throws java.io.IOException {
            String[] ticks = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < ticks.length; i++) {
                total += Long.parseLong(ticks[i]);
            }
            long idle = Long.parseLong(ticks[4]) + Long.parseLong(ticks[5]);
            return new Cpu(total - idle, total, cpuOf("jboss-modules.jar"), cpuOf("org.apache.activemq.artemis"), cpuOf("postgres"));
        }

        Cpu minus(Cpu o) {
            return new Cpu(busy - o.busy, total - o.total, wildflyNanos - o.wildflyNanos, brokerNanos - o.brokerNanos,
                    postgresNanos - o.postgresNanos);
        }

        private static long cpuOf(String commandPart) {
            return ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().orElse(p.info().command().orElse("")).contains(commandPart))
                    .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
                    .sum();
        }
    }
}
