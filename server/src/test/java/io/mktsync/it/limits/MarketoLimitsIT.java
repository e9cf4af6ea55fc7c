package io.mktsync.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The simulator enforcing limits tighter than the plugin's own limiter (3 at once, 20 calls per 2 s
 * in the test server), as when other integrations share the instance: every refused call is
 * counted (20023, 20024), the plugin backs off and catches up, and each request is answered once,
 * on its first attempt, applied once. Each request fills a call of its own, so a backlog of them
 * makes calls run at once.
 */
class MarketoLimitsIT extends MktsyncIT {

    private static final int REQUESTS = 16;

    private List<Reply> burst(String prefix) throws Exception {
        return replies(client.sendAll(IntStream.range(0, REQUESTS)
                .mapToObj(i -> Requests.opportunities("INSERT", prefix + i + "-", 100)).toList()));
    }

    private static long answered(String answer) {
        return Simulator.calls().stream().filter(c -> c.getString("answer").equals(answer)).count();
    }

    private void assertAllAppliedOnceOnFirstAttempt(String prefix, List<Reply> replies) {
        for (Reply reply : replies) {
            assertEquals("SUCCEEDED", reply.outcome());
            assertEquals(1, reply.properties().get("mktsync_attempts"));
        }
        for (int i = 0; i < REQUESTS; i++) {
            assertEquals(1, Simulator.opportunities(prefix + i + "-99").size());
        }
        assertEquals(REQUESTS, answered("OK"));
        assertTrue(Plugin.ready());
    }

    @Test
    void aConcurrencyLimitBelowThePluginsIsMetWithBackOff() throws Exception {
        Simulator.faults("{\"latencyMs\":300,\"concurrencyLimit\":2}");

        List<Reply> replies = burst("CONC-");

        assertTrue(answered("20024") > 0, "the limit was really hit");
        assertAllAppliedOnceOnFirstAttempt("CONC-", replies);
    }

    @Test
    void aRateLimitIsMetWithBackOff() throws Exception {
        Simulator.faults("{\"rateLimitCalls\":5,\"rateLimitWindowMs\":2000}");

        List<Reply> replies = burst("RATE-");

        assertTrue(answered("20023") > 0, "the limit was really hit");
        assertAllAppliedOnceOnFirstAttempt("RATE-", replies);
    }
}
