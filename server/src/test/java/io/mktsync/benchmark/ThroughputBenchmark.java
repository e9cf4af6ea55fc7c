package io.mktsync.benchmark;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark (docs/performance.md, "Benchmark"): not a test, it asserts nothing and prints a table.
 * It drives the plugin through the real server, with the simulator at a realistic latency and
 * Marketo's rate limit, for 1-, 10- and 100-object messages with coalescing on and off (the
 * baseline, measured in the same run), then at low load, then with no latency and no limits for the
 * plugin's own overhead and for how fast the intake takes a backlog into the store; each for the SOAP
 * and the REST backend, side by side. Each saturated scenario is a backlog sent in one transaction, so
 * that it is all waiting when delivery starts. The limiter lets calls through in bursts, one rate window
 * apart; throughput is measured in steady state, from the start of the second burst to the start of
 * the last, a whole number of windows.
 *
 * <p>{@code -Dbenchmark.windows} sets how many rate windows each saturated scenario lasts (4);
 * {@code -Dbenchmark.scenarios} which scenarios run (saturation,low,overhead,intake: all). The store
 * is H2 unless {@code mktsync.db=postgresql} (the failsafe execution "postgresql" of the benchmark
 * profile, which runs the intake only).
 */
class ThroughputBenchmark extends MktsyncIT {

    private static final int LATENCY_MS = Integer.getInteger("benchmark.latency-ms", 500);
    private static final int WINDOWS = Integer.getInteger("benchmark.windows", 4);
    private static final int MARKETO_CALLS = 100;
    private static final int LIMITER_CALLS = 96;
    private static final int INTAKE_REQUESTS = Integer.getInteger("benchmark.intake-requests", 20_000);
    private static final List<String> SCENARIOS = List.of(
            System.getProperty("benchmark.scenarios", "saturation,low,overhead,intake").split(","));
    private static final String STORE = "postgresql".equals(System.getProperty("mktsync.db")) ? "PostgreSQL" : "H2";
    private static final String MDB = "SyncRequestListener";
    private static final String NO_LIMITS = "{\"latencyMs\":0}";

    /** One scenario's figures. */
    private record Result(String scenario, int size, boolean coalescing, int requests, double objectsPerSecond,
                          double callsPer1000, double objectsPerCall, long p50, long p99, double serverCpuMsPerObject) {
    }

    /** How long the intake took to store a backlog (its queue empty) and to answer it, from the start of delivery. */
    private record Intake(double storedSeconds, double answeredSeconds, double objectsPerCall, double serverCpuMsPerRequest) {
    }

    private ModelControllerClient management;

    @Test
    void benchmark() throws Exception {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1", 9990)) {
            management = client;
            run();
        }
    }

    private void run() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("Simulator: ").append(LATENCY_MS).append(" ms per call, Marketo's limits (")
                .append(MARKETO_CALLS).append(" calls per 20 s, 10 at once); plugin defaults (limiter ")
                .append(LIMITER_CALLS).append(" per 20 s, 8 at once; a call that is not full goes at once when no call is in "
                        + "flight, else waits up to 200 ms; 16 intake sessions); MktsyncDS on ").append(STORE).append(".\n")
                .append("Ceiling = 100 calls per 20 s x the objects of a full call: SOAP 100 (")
                .append((int) ceiling(Backend.SOAP)).append(" objects/s), REST 300 (").append((int) ceiling(Backend.REST))
                .append(" objects/s).\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(".\n");
        String faults = "{\"latencyMs\":" + LATENCY_MS + ",\"rateLimitCalls\":" + MARKETO_CALLS
                + ",\"rateLimitWindowMs\":" + Backlog.MARKETO_WINDOW_MS + ",\"concurrencyLimit\":10}";
        if (SCENARIOS.contains("saturation")) {
            saturation(report, faults);
        }
        if (SCENARIOS.contains("low")) {
            for (Backend backend : Backend.values()) {
                configure(backend, true, false);
                Result low = lowLoad(faults);
                report.append(String.format("%n%s, low load (one 1-object request a second, %d requests, coalescing on): "
                                + "after one warm-up request, send→reply p50 %d ms, p99 %d ms; added to the call's own %d ms: p50 %d ms, p99 %d ms "
                                + "(target: p50 ≤ 30 ms, p99 ≤ 100 ms)%n",
                        backend.property(), low.requests(), low.p50(), low.p99(), LATENCY_MS, low.p50() - LATENCY_MS,
                        low.p99() - LATENCY_MS));
            }
        }
        if (SCENARIOS.contains("overhead")) {
            for (Backend backend : Backend.values()) {
                configure(backend, true, true);
                Result overhead = saturate("overhead", 1, true, 20_000, NO_LIMITS);
                report.append(String.format("%n%s, overhead (simulator at 0 ms, no limits, 1-object messages, coalescing on, "
                                + "%,d requests): %.0f requests/s, %.1f objects/call, server CPU %.3f ms per object "
                                + "(plugin, broker and simulator together)%n", backend.property(),
                        overhead.requests(), overhead.objectsPerSecond(), overhead.objectsPerCall(), overhead.serverCpuMsPerObject()));
            }
        }
        if (SCENARIOS.contains("intake")) {
            for (Backend backend : Backend.values()) {
                configure(backend, true, true);
                // A first, smaller backlog unmeasured: the JIT compiles the intake's path before the measured one.
                intake(INTAKE_REQUESTS / 4, false);
                Intake intake = intake(INTAKE_REQUESTS, false);
                report.append(String.format("%n%s, intake on %s (%,d 1-object requests queued while delivery was stopped, "
                                + "then started, after a warm-up backlog of a quarter of that; simulator at 0 ms, no limits): stored %.0f requests/s (queue empty after %.1f s), "
                                + "answered %.0f requests/s (last reply after %.1f s), %.1f objects/call, server CPU %.3f ms per "
                                + "request%n", backend.property(), STORE, INTAKE_REQUESTS, INTAKE_REQUESTS / intake.storedSeconds(),
                        intake.storedSeconds(), INTAKE_REQUESTS / intake.answeredSeconds(), intake.answeredSeconds(),
                        intake.objectsPerCall(), intake.serverCpuMsPerRequest()));
                Intake alone = intake(INTAKE_REQUESTS, true);
                report.append(String.format("%s, the same while Marketo's quota is spent (the dispatcher holds; the intake "
                                + "has the machine): stored %.0f requests/s (queue empty after %.1f s), server CPU %.3f ms per request "
                                + "while storing%n", backend.property(), INTAKE_REQUESTS / alone.storedSeconds(), alone.storedSeconds(),
                        alone.serverCpuMsPerRequest()));
            }
        }

        System.out.println("\n" + report);
        String path = System.getProperty("benchmark.report");
        if (path != null) {
            Files.writeString(Path.of(path), report);
        }
    }

    /** The backlogs at Marketo's rate, for 1-, 10- and 100-object messages, coalescing off and on. */
    private void saturation(StringBuilder report, String faults) throws Exception {
        report.append("\n| backend | messages of | coalescing | requests | objects/s | calls per 1,000 objects | objects/call "
                + "| p50 send→reply ms | p99 ms | of ceiling |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int[] sizes = {1, 10, 100};
        List<String> rows = new ArrayList<>();
        Map<Backend, Result[]> coalesced = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            Result[] baseline = new Result[sizes.length];
            coalesced.put(backend, new Result[sizes.length]);
            for (boolean coalescing : new boolean[] {false, true}) {
                configure(backend, coalescing, false);
                for (int i = 0; i < sizes.length; i++) {
                    int size = sizes[i];
                    // Enough calls for the limiter's first burst plus WINDOWS - 1 windows at its rate.
                    int perCall = backend.maxObjectsPerCall();
                    int objects = WINDOWS * LIMITER_CALLS * (coalescing ? perCall : Math.min(size, perCall));
                    Result r = saturate("backlog", size, coalescing, objects / size, faults);
                    (coalescing ? coalesced.get(backend) : baseline)[i] = r;
                    report.append(String.format("| %s | %d object%s | %s | %,d | %.1f | %.1f | %.1f | %,d | %,d | %.0f %% |%n",
                            backend.property(), size, size == 1 ? "" : "s", coalescing ? "on" : "off (baseline)", r.requests(),
                            r.objectsPerSecond(), r.callsPer1000(), r.objectsPerCall(), r.p50(), r.p99(),
                            100 * r.objectsPerSecond() / ceiling(backend)));
                    if (coalescing) {
                        rows.add(String.format("%s, %d-object messages: coalescing gives %.1fx the baseline's objects/s, "
                                        + "%.1fx fewer calls", backend.property(), size, r.objectsPerSecond() / baseline[i].objectsPerSecond(),
                                baseline[i].callsPer1000() / r.callsPer1000()));
                    }
                }
            }
        }
        for (int i = 0; i < sizes.length; i++) {
            rows.add(String.format("%d-object messages, coalescing on: REST gives %.2fx SOAP's objects/s with %.2fx its calls "
                            + "per 1,000 objects", sizes[i],
                    coalesced.get(Backend.REST)[i].objectsPerSecond() / coalesced.get(Backend.SOAP)[i].objectsPerSecond(),
                    coalesced.get(Backend.REST)[i].callsPer1000() / coalesced.get(Backend.SOAP)[i].callsPer1000()));
        }
        report.append('\n');
        rows.forEach(r -> report.append("- ").append(r).append('\n'));
    }

    /** Marketo's rate limit times full calls, in objects per second. */
    private static double ceiling(Backend backend) {
        return MARKETO_CALLS * (double) backend.maxObjectsPerCall() / (Backlog.MARKETO_WINDOW_MS / 1000.0);
    }


    /**
     * Redeploys the plugin for a backend, with coalescing on or off, and with or without the call
     * limiter's limits.
     */
    private void configure(Backend backend, boolean coalescing, boolean unlimited) throws Exception {
        setProperty("mktsync.marketo.backend", backend.property());
        setProperty("mktsync.coalescing.enabled", String.valueOf(coalescing));
        setProperty("mktsync.limits.calls-per-window", unlimited ? "1000000" : String.valueOf(LIMITER_CALLS));
        setProperty("mktsync.limits.concurrency", unlimited ? "10" : "8");
        ModelNode redeploy = new ModelNode();
        redeploy.get("operation").set("redeploy");
        redeploy.get("address").add("deployment", "mktsync.war");
        execute(redeploy);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(Plugin::ready);
    }

    private void setProperty(String name, String value) throws IOException {
        ModelNode remove = new ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        management.execute(remove); // absent the first time: that is fine
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("system-property", name);
        add.get("value").set(value);
        execute(add);
    }

    private ModelNode execute(ModelNode operation) throws IOException {
        ModelNode result = management.execute(operation);
        if (!"success".equals(result.get("outcome").asString())) {
            throw new IllegalStateException(operation + " -> " + result);
        }
        return result.get("result");
    }

    /** A backlog of {@code requests} messages sent at once; throughput in steady state. */
    private Result saturate(String scenario, int size, boolean coalescing, int requests, String faults) throws Exception {
        Simulator.reset();
        Simulator.faults(faults);
        long cpuBefore = serverCpuNanos();
        try (Backlog run = new Backlog()) {
            List<String> bodies = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                bodies.add(size == 1 ? Requests.opportunity("INSERT", scenario + "-" + i, "b")
                        : Requests.opportunities("INSERT", scenario + "-" + i + "-", size));
            }
            run.sendAll(bodies);
            run.awaitReplies(requests);
            long cpu = serverCpuNanos() - cpuBefore;
            int calls = Simulator.syncCalls().size();
            long objects = (long) requests * size;
            return new Result(scenario, size, coalescing, requests, run.steadyObjectsPerSecond(size),
                    1000.0 * calls / objects, (double) objects / calls, run.p50(), run.p99(), cpu / 1e6 / objects);
        }
    }

    /**
     * One request a second: the latency a lone request sees, once the plugin is connected (the first
     * request after a deployment also waits for the backend's set-up: REST's token and metadata, the
     * SOAP client).
     */
    private Result lowLoad(String faults) throws Exception {
        Simulator.reset();
        Simulator.faults(faults);
        int requests = 40;
        try (Backlog warmUp = new Backlog()) {
            warmUp.sendAll(List.of(Requests.opportunity("INSERT", "low-warm-up", "l")));
            warmUp.awaitReplies(1);
        }
        try (Backlog run = new Backlog()) {
            for (int i = 0; i < requests; i++) {
                run.sendAll(List.of(Requests.opportunity("INSERT", "low-" + i, "l")));
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            run.awaitReplies(requests);
            return new Result("low", 1, true, requests, 0, 0, 0, run.p50(), run.p99(), 0);
        }
    }

    /**
     * A backlog on the queue while the intake bean's delivery is stopped, then delivery started: how
     * fast the intake stores it (until the queue holds no message, acknowledged or in delivery) and
     * how fast it is answered, with Marketo taking no time.
     */
    /**
     * {@code held}: Marketo's quota spent, so that the dispatcher only holds while the intake stores;
     * the server's CPU is then counted until the queue is empty, and the hold is ended afterwards.
     */
    private Intake intake(int requests, boolean held) throws Exception {
        Simulator.reset();
        Simulator.faults(held ? "{\"latencyMs\":0,\"quotaRemaining\":0}" : NO_LIMITS);
        try (Backlog run = new Backlog()) {
            delivery("stop-delivery");
            try {
                List<String> bodies = new ArrayList<>(requests);
                for (int i = 0; i < requests; i++) {
                    bodies.add(Requests.opportunity("INSERT", "intake-" + i, "i"));
                }
                run.sendAll(bodies);
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> onTheQueue() == requests);
            } finally {
                delivery("start-delivery");
            }
            long start = System.nanoTime();
            long cpuBefore = serverCpuNanos();
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> onTheQueue() == 0);
            long stored = System.nanoTime();
            long cpuStoring = serverCpuNanos() - cpuBefore;
            if (held) {
                Simulator.faults(NO_LIMITS);
                Plugin.resume();
            }
            run.awaitReplies(requests);
            long cpu = held ? cpuStoring : serverCpuNanos() - cpuBefore;
            long[] replies = run.replyTimes();
            return new Intake((stored - start) / 1e9, (replies[replies.length - 1] - start) / 1e9,
                    (double) requests / Simulator.syncCalls().size(), cpu / 1e6 / requests);
        }
    }

    /** {@code stop-delivery} or {@code start-delivery} on the intake bean. */
    private void delivery(String operation) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("deployment", "mktsync.war").add("subsystem", "ejb3").add("message-driven-bean", MDB);
        execute(op);
    }

    /** Messages on the request queue, those delivered and not yet acknowledged included. */
    private long onTheQueue() throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").add("subsystem", "messaging-activemq").add("server", "default").add("jms-queue", "SyncRequests");
        op.get("name").set("message-count");
        return execute(op).asLong();
    }

    /** CPU time of the server's JVM (plugin, broker, simulator), from /proc through ProcessHandle. */
    private static long serverCpuNanos() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
