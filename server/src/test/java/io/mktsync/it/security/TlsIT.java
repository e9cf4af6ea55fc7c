package io.mktsync.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Tls;
import io.mktsync.sender.SyncClient;
import jakarta.jms.JMSRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * TLS (docs/security.md, "TLS"): a remote JMS client makes the round trip over the server's HTTPS
 * port, trusting the build's certificate; one that does not trust it gets no connection; the
 * operations endpoint sends a plain-HTTP call to HTTPS before any login, and answers there.
 */
class TlsIT extends MktsyncIT {

    @Test
    void aRequestMakesTheRoundTripOverTls() throws Exception {
        try (SyncClient tls = new SyncClient(Tls.jmsUrl(), Jms.USER, Jms.PASSWORD, Jms::assertPublishedForm)) {
            SyncClient.Reply reply = tls.request(opportunity("INSERT", "OPP-TLS" + System.nanoTime(), "Over TLS"), Jms.REPLY_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no reply over TLS"));
            assertEquals("SUCCEEDED", reply.outcome());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerGetsNoConnection() {
        String untrusting = "tcp://" + SyncClient.DEFAULT_TLS_ADDRESS
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=https-acceptor&enable1xPrefixes=true&sslEnabled=true";
        assertThrows(JMSRuntimeException.class, () -> new SyncClient(untrusting, Jms.USER, Jms.PASSWORD).close());
    }

    @Test
    void theOperationsEndpointAnswersOnHttpsOnly() throws Exception {
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:8080/mktsync/api/resume")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, plain.statusCode(), "redirected before any login is asked for");
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"), plain.headers().toString());
        assertTrue(Plugin.resume().containsKey("resumed"), "answered on HTTPS");
    }
}
