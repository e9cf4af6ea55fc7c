package io.mktsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MarketoLimitsTest {

    private final MarketoLimits limits = new MarketoLimits();

    @Test
    void notEnforcedUnlessConfigured() {
        for (int i = 0; i < 50; i++) {
            assertNull(limits.enter().refusal());
        }
    }

    @Test
    void moreCallsAtOnceThanAllowedGet20024() {
        limits.configure(2, null, null);
        assertNull(limits.enter().refusal());
        assertNull(limits.enter().refusal());
        assertEquals(20024, limits.enter().refusal());
        limits.leave();
        limits.leave();
        assertNull(limits.enter().refusal(), "one left in flight, room for another");
    }

    @Test
    void moreCallsInTheWindowThanAllowedGet20023AndAreNotCounted() {
        limits.configure(null, 3, 60_000L);
        for (int i = 0; i < 3; i++) {
            assertNull(limits.enter().refusal());
            limits.leave();
        }
        assertEquals(20023, limits.enter().refusal());
        limits.leave();
        limits.configure(null, 3, 60_000L);
        assertNull(limits.enter().refusal(), "a new configuration starts a new window");
    }
}
