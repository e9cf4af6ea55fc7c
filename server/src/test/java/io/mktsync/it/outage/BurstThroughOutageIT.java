package io.mktsync.it.outage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backlog;
import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marketo goes down during a burst, for much longer than one request's retries: requests wait
 * (the open circuit spends no attempt) and all of them complete once it is back; none is
 * dead-lettered, none applied twice.
 */
class BurstThroughOutageIT extends MktsyncIT {

    private static final int REQUESTS = 30;

    private static long refusedCalls() {
        return Simulator.calls().stream().filter(c -> c.getString("answer").equals("HTTP 503")).count();
    }

    @Test
    void everyRequestCompletesAfterTheOutage() throws Exception {
        Simulator.down(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(client.send(Requests.opportunity("INSERT", "OUTAGE-" + i, "During the outage"), Map.of()));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        // Three more trial calls of the circuit breaker (3 s apart here) fail: an outage far longer
        // than any request's own retries.
        long refusedWhenOpened = refusedCalls();
        await().atMost(Duration.ofSeconds(60)).until(() -> refusedCalls() >= refusedWhenOpened + 3);
        // They wait in the store, not on the queue: no delivery is spent, none bounces back.
        assertEquals(0, Jms.queued("SyncRequests"));
        assertEquals(REQUESTS, Backlog.waiting());
        Simulator.down(false);

        for (String id : ids) {
            Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();
            assertEquals("SUCCEEDED", reply.outcome());
            assertTrue((int) reply.properties().get("mktsync_attempts") <= 2,
                    "only the attempt that met the outage's start counts; trials during it spend nothing");
            assertEquals(0, Jms.forwardedFrom("DLQ", id).size());
        }
        for (int i = 0; i < REQUESTS; i++) {
            assertEquals(1, Simulator.opportunities("OUTAGE-" + i).size(), "OUTAGE-" + i + " applied once");
        }
        await().atMost(Duration.ofSeconds(10)).until(Plugin::ready);
    }
}
