package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST backend's OAuth token: fetched from Identity once and shared, kept while it lives, renewed
 * when it expires (once, whatever the number of calls), and renewed and the call resent once when
 * Marketo calls it expired (602). Identity hands back the same token until it expires, so asking
 * early must not turn into a loop.
 */
class AccessTokenIT extends MktsyncIT {

    private static List<String> answers() {
        return Simulator.calls().stream().map(c -> c.getString("answer")).toList();
    }

    /** The plugin holds a token, whichever test ran before; the journal starts after it. */
    @BeforeEach
    void holdAToken() throws Exception {
        assumeTrue(Backend.rest(), "the REST backend's token");
        request(opportunity("UPSERT", "OPP-TOKEN", "before"));
        Simulator.clearCalls();
    }

    @Test
    void aTokenThatExpiresMidBurstIsRenewedOnceAndNoRequestFails() throws Exception {
        int issued = Simulator.tokensIssued();
        Simulator.expireTokenIn(3);
        Simulator.faults("{\"latencyMs\":250}");

        // One key updated twelve times: twelve calls one after the other, about 4 s in all, across the
        // expiry and well within the next token's life.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(client.send(opportunity("UPSERT", "OPP-TOKEN", "value " + i), Map.of()));
        }

        for (Reply reply : replies(ids)) {
            assertEquals("SUCCEEDED", reply.outcome(), reply.body());
        }
        assertEquals(12, Simulator.syncCalls().stream().filter(c -> c.getString("answer").equals("OK")).count());
        assertEquals(issued + 1, Simulator.tokensIssued(), "one renewal");
        assertEquals(1, answers().stream().filter("602"::equals).count(), "the one call that met the expiry: " + answers());
        assertTrue(answers().stream().allMatch(a -> a.equals("OK") || a.equals("602")), answers().toString());
        assertEquals(1, Simulator.identityCalls().size(), "no refresh loop: " + Simulator.identityCalls());
        assertEquals("value 11", Simulator.opportunities("OPP-TOKEN").get(0).getJsonObject("attributes").getString("Name"));
    }

    @Test
    void aTokenMarketoCallsExpiredIsRenewedAndTheCallSentOnceMore() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":602,\"times\":1}]}");

        Reply reply = request(opportunity("INSERT", "OPP-602", "resent"));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(List.of("602", "OK"), answers());
        assertEquals(1, Simulator.identityCalls().size(), "one renewal, which Identity answers with the same token");
    }

    @Test
    void aTokenMarketoCallsInvalidIsRenewedTheSameWay() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":601,\"times\":1}]}");

        assertEquals("SUCCEEDED", request(opportunity("INSERT", "OPP-601", "resent")).outcome());
        assertEquals(List.of("601", "OK"), answers());
    }
}
