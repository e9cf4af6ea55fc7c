package io.mktsync.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.Hold;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CallLimiterTest {

    private static final Instant NOON_CHICAGO = Instant.parse("2026-11-29T18:00:00Z");

    private static CallLimiter limiter(int concurrency, int callsPerWindow, int dailyBudget) {
        CallLimiter limiter = new CallLimiter();
        limiter.concurrency = concurrency;
        limiter.callsPerWindow = callsPerWindow;
        limiter.windowMs = 3_600_000;
        limiter.dailyBudget = dailyBudget;
        limiter.permitWaitMs = 0;
        limiter.resetZone = ZoneId.of("America/Chicago");
        limiter.clock(Clock.fixed(NOON_CHICAGO, ZoneOffset.UTC));
        return limiter;
    }

    @Test
    void noMoreCallsAtOnceThanTheConcurrencyLimit() {
        CallLimiter limiter = limiter(2, 100, 100);
        CallLimiter.Permit first = limiter.acquire();
        limiter.acquire();
        HeldException held = assertThrows(HeldException.class, limiter::acquire);
        assertEquals(Hold.Kind.LIMITS, held.hold().kind());
        first.close();
        limiter.acquire().close();
        assertEquals(1, limiter.usage().inFlight(), "the second call is still on");
    }

    @Test
    void noMoreCallsInAWindowThanTheRateLimit() {
        CallLimiter limiter = limiter(10, 3, 100);
        for (int i = 0; i < 3; i++) {
            limiter.acquire().close();
        }
        HeldException held = assertThrows(HeldException.class, limiter::acquire);
        assertTrue(held.getMessage().contains("mktsync.limits.calls-per-window"), held.getMessage());
        assertEquals(3, limiter.usage().inWindow());
        limiter.clock(Clock.fixed(NOON_CHICAGO.plusMillis(3_600_001), ZoneOffset.UTC));
        limiter.acquire().close();
    }

    @Test
    void aSpentDailyBudgetHoldsUntilMidnightInMarketosZone() {
        CallLimiter limiter = limiter(10, 100, 2);
        limiter.acquire().close();
        limiter.acquire().close();
        HeldException held = assertThrows(HeldException.class, limiter::acquire);
        assertEquals(Hold.Kind.BUDGET, held.hold().kind());
        assertEquals(Instant.parse("2026-11-30T06:00:00Z"), held.hold().until());
        assertEquals(12 * 3_600_000L, held.waitMs());
        limiter.clock(Clock.fixed(Instant.parse("2026-11-30T06:00:01Z"), ZoneOffset.UTC));
        limiter.acquire().close();
        assertEquals(1, limiter.usage().usedToday());
    }

    @Test
    void aStepOfSeveralCallsCountsEachInTheWindowAndTheBudgetButTakesOnePlaceAtOnce() {
        CallLimiter limiter = limiter(1, 5, 100);
        CallLimiter.Permit three = limiter.acquire(3);
        assertEquals(1, limiter.usage().inFlight());
        three.close();
        assertEquals(3, limiter.usage().inWindow());
        assertEquals(3, limiter.usage().usedToday());
        limiter.acquire(2).close();
        assertThrows(HeldException.class, () -> limiter.acquire(1), "the window is full");
        limiter.acquire(0).close(); // answered without Marketo: no permit needed
        assertEquals(5, limiter.usage().usedToday());
    }
}
