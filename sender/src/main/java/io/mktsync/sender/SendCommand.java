package io.mktsync.sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code mktsync-send [--url U] [--user U] [--password P] [--timeout SECONDS] FILE...}: sends each
 * file as one request, waits for its reply and prints it. Connection settings also come from
 * MKTSYNC_JMS_URL, MKTSYNC_JMS_USER and MKTSYNC_JMS_PASSWORD. Exits 1 if a reply did not come.
 */
public final class SendCommand {

    private SendCommand() {
    }

    public static void main(String[] args) throws Exception {
        String url = env("MKTSYNC_JMS_URL", SyncClient.DEFAULT_URL);
        String user = env("MKTSYNC_JMS_USER", "mktsync");
        String password = env("MKTSYNC_JMS_PASSWORD", "mktsync-Pw1!");
        Duration timeout = Duration.ofSeconds(60);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: mktsync-send [--url U] [--user U] [--password P] [--timeout SECONDS] FILE...");
            System.exit(2);
        }
        boolean allAnswered = true;
        try (SyncClient client = new SyncClient(url, user, password)) {
            for (Path file : files) {
                System.out.println("==> " + file);
                Optional<SyncClient.Reply> reply = client.request(Files.readString(file), timeout);
                if (reply.isEmpty()) {
                    System.out.println("no reply within " + timeout.toSeconds() + " s");
                    allAnswered = false;
                    continue;
                }
                new TreeMap<>(reply.get().properties()).forEach((k, v) -> {
                    if (k.startsWith("mktsync_")) {
                        System.out.println(k + ": " + v);
                    }
                });
                System.out.println(reply.get().body());
                System.out.println();
            }
        }
        System.exit(allAnswered ? 0 : 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
