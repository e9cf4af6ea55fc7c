package io.mktsync.it.faulttolerance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults Marketo recovers from are retried within the same attempt; the sender only sees success.
 * The simulator answers a fault the REST way when the plugin calls REST (20011 as 611, 20110 as 1003).
 */
class TransientFaultIT extends MktsyncIT {

    private static List<String> answers() {
        return Simulator.calls().stream().map(c -> c.getString("answer")).toList();
    }

    @Test
    void internalErrorsAreRetriedUntilTheCallSucceeds() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":20011,\"times\":1},{\"code\":10001,\"times\":1}]}");

        Reply reply = request(opportunity("INSERT", "OPP-T1", "Retried"));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(Backend.rest() ? List.of("611", "611", "OK") : List.of("20011", "10001", "OK"), answers());
    }

    @Test
    void anHttp503WithoutMarketoCodeIsRetried() throws Exception {
        Simulator.faults("{\"failures\":[{\"httpStatus\":503,\"times\":2}]}");

        assertEquals("SUCCEEDED", request(opportunity("INSERT", "OPP-T2", "Retried")).outcome());
        assertEquals(List.of("HTTP 503", "HTTP 503", "OK"), answers());
    }

    /**
     * The retries of one call fit inside the breaker's window: three failed attempts do not open it
     * (5 failures of the last 6 attempts do), so the request is applied on its first attempt.
     */
    @Test
    void aBlipOfThreeFailuresIsAbsorbedWithinOneAttempt() throws Exception {
        assertEquals("SUCCEEDED", request(opportunity("UPSERT", "OPP-T8", "Before")).outcome());
        Simulator.clearCalls();
        Simulator.faults("{\"failures\":[{\"httpStatus\":503,\"times\":3}]}");

        Reply reply = request(opportunity("UPSERT", "OPP-T9", "Blip"));

        assertEquals("SUCCEEDED", reply.outcome());
        assertEquals(1, reply.properties().get("mktsync_attempts"), "no attempt spent");
        assertEquals(List.of("HTTP 503", "HTTP 503", "HTTP 503", "OK"), answers());
        assertEquals("CLOSED", Plugin.readiness().getJsonObject("data").getString("circuitBreaker"));
    }

    @Test
    void aCallThatOutlastsTheReceiveTimeoutIsRetried() throws Exception {
        // The tests' receive timeout is 2.5 s (arquillian.xml); this answer would come after 6 s.
        Simulator.slowAnswerOnce(6000);

        Reply reply = request(opportunity("UPSERT", "OPP-T3", "Slow"));

        assertEquals("SUCCEEDED", reply.outcome());
        await().atMost(Duration.ofSeconds(10)).until(() -> Simulator.calls().size() == 2);
        assertEquals(1, Simulator.opportunities("OPP-T3").size(), "an UPSERT by key applied twice is one object");
    }

    /** REST's counterpart, a token renewed on 602, is in {@code rest.AccessTokenIT}. */
    @Test
    void anExpiredRequestIsSignedAfreshAndSentOnceMore() throws Exception {
        assumeFalse(Backend.rest(), "SOAP signs each call; REST sends a token");
        Simulator.faults("{\"failures\":[{\"code\":20016,\"times\":1}]}");

        assertEquals("SUCCEEDED", request(example("program-cost-update.xml")).outcome());
        assertEquals(List.of("20016", "OK"), answers());
    }

    @Test
    void aRepeatedlyExpiredRequestFailsWithMarketosWordsAndIsNotRetriedFurther() throws Exception {
        assumeFalse(Backend.rest(), "SOAP signs each call; REST sends a token");
        Simulator.faults("{\"failures\":[{\"code\":20016,\"times\":5}]}");

        Reply reply = request(example("program-cost-update.json"));

        assertEquals("FAILED", reply.outcome());
        assertEquals(List.of("20016", "20016"), answers(), "one fresh signature, then no more");
        assertEquals(true, reply.body().contains("20016 - Request Expired"), reply.body());
    }

    @Test
    void aRefusedCallFailsItsObjectsWithMarketosCodeWithoutRetry() throws Exception {
        Simulator.faults("{\"failures\":[{\"code\":20110,\"times\":1}]}");

        Reply reply = request(opportunity("INSERT", "OPP-T4", "Refused"));

        assertEquals("FAILED", reply.outcome());
        assertEquals(List.of(Backend.rest() ? "1003" : "20110"), answers());
        String error = Backend.rest() ? "\"error\":\"1003 - Invalid data (requestId " : "\"error\":\"20110 - Input error\"";
        assertEquals(true, reply.body().contains(error), reply.body());
        JsonObject call = Simulator.calls().get(0);
        assertEquals("INSERT", call.getString("syncOperation"));
    }
}
