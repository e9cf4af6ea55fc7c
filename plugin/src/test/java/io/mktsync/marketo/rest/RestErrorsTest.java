package io.mktsync.marketo.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.marketo.MarketoUnavailableException;
import org.junit.jupiter.api.Test;

class RestErrorsTest {

    @Test
    void limitsSlowDownAndTheQuotaAndAccessHold() {
        assertFalse(((MarketoRateLimitedException) RestErrors.classify("606", "rate")).concurrency());
        assertTrue(((MarketoRateLimitedException) RestErrors.classify("615", "concurrency")).concurrency());
        assertInstanceOf(MarketoQuotaException.class, RestErrors.classify("607", "quota"));
        assertInstanceOf(MarketoCredentialsException.class, RestErrors.classify("603", "denied"));
    }

    @Test
    void transientCodesAreRetriedAndSayWhetherTheyMayHaveBeenApplied() {
        for (String code : new String[] {"608", "611", "614", "713", "719"}) {
            assertTrue(RestErrors.classify(code, "m").notApplied(), code);
            assertInstanceOf(MarketoUnavailableException.class, RestErrors.classify(code, "m"));
        }
        assertFalse(RestErrors.classify("604", "time-out").notApplied());
        assertFalse(RestErrors.ofHttpStatus(502, "").notApplied());
        assertTrue(RestErrors.ofHttpStatus(503, "").notApplied());
    }

    @Test
    void anythingElseRefusesTheCall() {
        assertInstanceOf(MarketoFaultException.class, RestErrors.classify("718", "ExternalSalesPersonID not found"));
        assertInstanceOf(MarketoFaultException.class, RestErrors.classify("1003", "Invalid data"));
        assertEquals("702 - No data found", RestErrors.classify("702", "No data found").describe());
    }
}
