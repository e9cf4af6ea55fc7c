package io.mktsync.sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code mktsync-send [--url U | --trust-store FILE [--tls-address HOST:PORT]] [--user U] [--password P] [--timeout SECONDS]
 * [--count N] [--traceparent TP] FILE...}:
 * sends each file as one request, waits for its reply and prints it. With {@code --count N} it sends
 * N copies of the files without waiting, then waits for all replies and prints a summary: requests
 * per outcome and send→reply times. {@code {n}} in a file becomes the copy number (1 to N), so that
 * copies can carry their own keys. With {@code --trust-store} (a PKCS12 trust store, its password in
 * MKTSYNC_JMS_TRUST_STORE_PASSWORD) it connects over TLS to the server's HTTPS port. Connection
 * settings also come from MKTSYNC_JMS_URL, MKTSYNC_JMS_USER, MKTSYNC_JMS_PASSWORD,
 * MKTSYNC_JMS_TRUST_STORE and MKTSYNC_JMS_TLS_ADDRESS. Each request carries a W3C {@code traceparent}
 * in the trace of TRACEPARENT (or {@code --traceparent}) if set, else in a trace of its own; a reply's
 * is printed with its properties. Exits 1 if a reply did not come.
 */
public final class SendCommand {

    private static final String USAGE =
            "usage: mktsync-send [--url U | --trust-store FILE [--tls-address HOST:PORT]] [--user U] [--password P]"
                    + " [--timeout SECONDS] [--count N] [--traceparent TP] FILE...";

    private SendCommand() {
    }

    public static void main(String[] args) throws Exception {
        String url = env("MKTSYNC_JMS_URL", SyncClient.DEFAULT_URL);
        String user = env("MKTSYNC_JMS_USER", "mktsync");
        String password = env("MKTSYNC_JMS_PASSWORD", "mktsync-Pw1!");
        String trustStore = env("MKTSYNC_JMS_TRUST_STORE", null);
        String tlsAddress = env("MKTSYNC_JMS_TLS_ADDRESS", SyncClient.DEFAULT_TLS_ADDRESS);
        String traceParent = env("TRACEPARENT", null);
        Duration timeout = Duration.ofSeconds(60);
        int count = 0;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--trust-store" -> trustStore = args[++i];
                case "--tls-address" -> tlsAddress = args[++i];
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--traceparent" -> traceParent = args[++i];
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty() || count < 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (trustStore != null) {
            url = SyncClient.tlsUrl(tlsAddress, Path.of(trustStore), env("MKTSYNC_JMS_TRUST_STORE_PASSWORD", "mktsync-tls-Pw1!"));
        }
        List<String> templates = new ArrayList<>();
        for (Path file : files) {
            templates.add(Files.readString(file));
        }
        try (SyncClient client = new SyncClient(url, user, password)) {
            client.continueTrace(traceParent);
            boolean allAnswered = count == 0
                    ? oneByOne(client, files, templates, timeout)
                    : copies(client, count, templates, timeout);
            System.exit(allAnswered ? 0 : 1);
        }
    }

    /** Each file in turn: sent, its reply awaited and printed. */
    private static boolean oneByOne(SyncClient client, List<Path> files, List<String> templates, Duration timeout)
            throws Exception {
        boolean allAnswered = true;
        for (int f = 0; f < files.size(); f++) {
            System.out.println("==> " + files.get(f));
            Optional<SyncClient.Reply> reply = client.request(copy(templates.get(f), 1), timeout);
            if (reply.isEmpty()) {
                System.out.println("no reply within " + timeout.toSeconds() + " s");
                allAnswered = false;
                continue;
            }
            new TreeMap<>(reply.get().properties()).forEach((k, v) -> {
                if (k.startsWith("mktsync_") || k.equals(TraceParent.PROPERTY)) {
                    System.out.println(k + ": " + v);
                }
            });
            System.out.println(reply.get().body());
            System.out.println();
        }
        return allAnswered;
    }

    /**
     * Copies 1 to N of the files, in that order (copy 1 of every file, then copy 2...), sent without
     * waiting; then every reply is awaited, each up to the timeout, and the summary printed.
     */
    private static boolean copies(SyncClient client, int count, List<String> templates, Duration timeout)
            throws Exception {
        record Sent(String correlationId, long atNanos) {
        }
        List<Sent> sent = new ArrayList<>(count * templates.size());
        for (int n = 1; n <= count; n++) {
            for (String template : templates) {
                String body = copy(template, n);
                long at = System.nanoTime();
                sent.add(new Sent(client.send(body, Map.of()), at));
            }
        }
        System.out.println("sent " + sent.size() + " requests; waiting for their replies");
        ReplySummary summary = new ReplySummary();
        for (Sent request : sent) {
            client.awaitReply(request.correlationId(), timeout).ifPresentOrElse(
                    r -> summary.replied(r.outcome(), Duration.ofNanos(r.receivedNanos() - request.atNanos())),
                    summary::unanswered);
        }
        System.out.println(summary);
        return !summary.outcomes().containsKey(ReplySummary.NO_REPLY);
    }

    private static String copy(String template, int n) {
        return template.replace("{n}", String.valueOf(n));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
