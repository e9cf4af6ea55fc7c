package io.mktsync.it.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.ServerScripts;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Marketo's secrets (docs/security.md, "Secrets"): the plugin reads them from the credential store
 * mktsync, so none is in the server's XML or a system property, and it works with them; after a run
 * that succeeds, is rejected, and meets refused credentials and a resume, neither the REST client
 * secret nor the SOAP encryption key is anywhere in the server's whole log, a reply (body or
 * property), a health answer or the metrics; nor in their URL-encoded forms.
 */
class SecretsIT extends MktsyncIT {

    /** What config/use-simulator.cli gives the plugin, and the simulator expects. */
    private static final List<String> SECRETS = List.of("mktsync-sim-client-secret", "mktsync-simulator-secret");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theSecretsAreInTheCredentialStoreOnly() throws Exception {
        assertEquals("SUCCEEDED", request(opportunity("INSERT", "OPP-STORE" + System.nanoTime(), "Applied")).outcome(),
                "a call signed with the secrets from the credential store");
        String aliases = cli("/subsystem=elytron/credential-store=mktsync:read-aliases");
        assertTrue(aliases.contains("marketo-client-secret") && aliases.contains("marketo-encryption-key"), aliases);
        List<String> seen = new ArrayList<>();
        seen.add(cli("/core-service=platform-mbean/type=runtime:read-attribute(name=system-properties)"));
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("jboss.home"), "standalone", "configuration"))) {
            for (Path xml : files.filter(f -> f.getFileName().toString().matches("standalone.*\\.xml")).toList()) {
                seen.add(Files.readString(xml));
            }
        }
        assertFree(seen);
    }

    @Test
    void noSecretIsInTheLogARepliesHealthOrMetrics() throws Exception {
        List<String> seen = new ArrayList<>();
        SyncClient.Reply applied = request(opportunity("INSERT", "OPP-SECRET" + System.nanoTime(), "Applied"));
        assertEquals("SUCCEEDED", applied.outcome());
        for (SyncClient.Reply reply : List.of(applied,
                request("{\"operation\":\"INSERT\",\"objects\":[{\"type\":\"Opportunity\"}]}"))) {
            seen.add(reply.body());
            seen.add(reply.properties().toString());
        }
        Simulator.credentialsThePluginDoesNotHave();
        String held = client.send(opportunity("INSERT", "OPP-HELD" + System.nanoTime(), "Held"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        seen.add(get("http://127.0.0.1:9990/health/ready"));
        seen.add(get("http://127.0.0.1:9990/health/live"));
        seen.add(get("http://127.0.0.1:9990/metrics"));
        Simulator.reset();
        Plugin.resume();
        SyncClient.Reply afterHold = client.awaitReply(held, Jms.REPLY_TIMEOUT).orElseThrow();
        assertEquals("SUCCEEDED", afterHold.outcome());
        seen.add(afterHold.body());
        seen.add(afterHold.properties().toString());
        seen.add(get("http://127.0.0.1:9990/metrics"));
        seen.add(Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log")));
        assertFree(seen);
    }

    private static void assertFree(List<String> texts) {
        for (String secret : SECRETS) {
            for (String form : List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
                for (String text : texts) {
                    int at = text.indexOf(form);
                    assertFalse(at >= 0, () -> "a secret in: …" + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 20)));
                }
            }
        }
    }

    private static String cli(String operation) {
        return ServerScripts.run("jboss-cli.sh", "-c", "--command=" + operation);
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
