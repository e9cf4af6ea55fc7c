package io.mktsync.resilience;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoQuotaException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldsTest {

    /** 2026-11-28 22:30 in Chicago (UTC-6): the quota resets at 2026-11-29T06:00Z. */
    private static final Instant NOW = Instant.parse("2026-11-29T04:30:00Z");

    private final Holds holds = new Holds();

    @BeforeEach
    void configure() {
        holds.resetZone = ZoneId.of("America/Chicago");
        holds.quotaTrialIntervalMs = 3_600_000;
        holds.credentialsRecheckMs = 60_000;
        holds.clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void quotaResetsAtMidnightUsCentral() {
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), holds.nextReset());
    }

    @Test
    void aSpentQuotaHoldsEveryoneUntilTheTrialThenLetsOneCallerTry() {
        HeldException first = holds.quotaSpent(new MarketoQuotaException("20015", "Request Limit Exceeded", null));
        assertEquals(3_600_000, first.waitMs(), "the first trial comes after one interval");
        assertTrue(first.getMessage().contains("2026-11-29T00:00-06:00[America/Chicago]"), first.getMessage());
        assertThrows(HeldException.class, holds::enter);

        holds.clock(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC));
        assertDoesNotThrow(holds::enter, "one trial call");
        HeldException other = assertThrows(HeldException.class, holds::enter, "only one");
        assertEquals(1000, other.waitMs());

        holds.released(NOW.plusSeconds(3600));
        assertDoesNotThrow(holds::enter);
    }

    @Test
    void aCallUnderWayBeforeTheHoldDoesNotEndIt() {
        holds.quotaSpent(new MarketoQuotaException("20015", "Request Limit Exceeded", null));
        holds.released(NOW.minusMillis(1));
        assertThrows(HeldException.class, holds::enter);
    }

    @Test
    void theLastTrialIsAtTheReset() {
        holds.quotaTrialIntervalMs = 86_400_000;
        HeldException held = holds.quotaSpent(new MarketoQuotaException("20015", "Request Limit Exceeded", null));
        assertEquals(Instant.parse("2026-11-29T06:00:00Z"), held.hold().nextTrial());
    }

    @Test
    void refusedCredentialsHoldUntilReleasedAndRecheckEveryMinute() {
        holds.credentialsRefused(new MarketoCredentialsException("20014", "Authentication failed", null));
        holds.clock(Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC));
        HeldException held = assertThrows(HeldException.class, holds::enter, "no trial without an operator");
        assertEquals(60_000, held.waitMs());
        assertTrue(held.getMessage().contains("20014 - Authentication failed"));

        holds.resume();
        assertDoesNotThrow(holds::enter);
    }
}
