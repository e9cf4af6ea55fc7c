package io.mktsync.it.deadletter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Marketo stays down through every attempt: on the last one (mktsync.dispatch.max-attempts, 5)
 * the sender gets a FAILED reply saying why, and the request waits in the dead-letter queue with
 * the reason and the number of attempts.
 */
class AttemptsSpentIT extends MktsyncIT {

    @Test
    void lastAttemptRepliesFailedAndDeadLettersTheRequest() throws Exception {
        Simulator.down(true);
        String body = example("opportunity-insert.json");
        String id = client.send(body, Map.of());

        // A failure while Marketo is known to be down (the breaker open) is waiting, not failing. So
        // that each attempt fails as the request's own, the breaker is closed again before each,
        // as if Marketo worked for everyone else. Delays 0.5 + 1 + 2 + 4 s before the fifth attempt.
        Reply reply = await().atMost(Duration.ofSeconds(90)).until(() -> {
            Plugin.resume();
            return client.awaitReply(id, Duration.ofMillis(500));
        }, Optional::isPresent).orElseThrow();

        assertEquals("FAILED", reply.outcome());
        assertTrue(reply.body().contains("not applied after 5 attempts"), reply.body());
        List<Message> dead = Jms.forwardedFrom("DLQ", id);
        assertEquals(1, dead.size());
        assertEquals(body, ((TextMessage) dead.get(0)).getText());
        assertEquals(5, dead.get(0).getIntProperty("mktsync_attempts"));
        assertTrue(dead.get(0).getStringProperty("mktsync_reason").contains("not applied after 5 attempts"));
        assertEquals(0, Simulator.calls().stream().filter(c -> c.getString("answer").equals("OK")).count());
    }
}
