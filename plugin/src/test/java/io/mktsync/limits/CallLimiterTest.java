package io.mktsync.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.Hold;
import io.mktsync.store.CallLog;
import io.mktsync.store.TestStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class CallLimiterTest {

    private static final Instant NOON_CHICAGO = Instant.parse("2026-11-29T18:00:00Z");
    private static final long HOUR_MS = 3_600_000;

    /** A database of its own for each test; the limiters of one test share it, as a node's lives do. */
    private final DataSource db = h2();

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:calls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static CallLimiter limiter(DataSource db, int concurrency, int callsPerWindow, int dailyBudget) {
        CallLimiter limiter = new CallLimiter();
        limiter.concurrency = concurrency;
        limiter.callsPerWindow = callsPerWindow;
        limiter.windowMs = HOUR_MS;
        limiter.dailyBudget = dailyBudget;
        limiter.permitWaitMs = 0;
        limiter.resetZone = ZoneId.of("America/Chicago");
        limiter.callLog = TestStores.callLog(db);
        limiter.clock(Clock.fixed(NOON_CHICAGO, ZoneOffset.UTC));
        return limiter;
    }

    private CallLimiter limiter(int concurrency, int callsPerWindow, int dailyBudget) {
        return limiter(db, concurrency, callsPerWindow, dailyBudget);
    }

    private static void at(CallLimiter limiter, Instant now) {
        limiter.clock(Clock.fixed(now, ZoneOffset.UTC));
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
        at(limiter, NOON_CHICAGO.plusMillis(HOUR_MS + 1));
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
        assertEquals(12 * HOUR_MS, held.waitMs());
        at(limiter, Instant.parse("2026-11-30T06:00:01Z"));
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

    @Test
    void aRestartedNodeIsStillHeldByItsSpentBudgetAndStillCountsItsWindowOnH2() {
        aRestartKeepsTheBudgetAndTheWindow(db);
    }

    @Test
    void aRestartedNodeIsStillHeldByItsSpentBudgetAndStillCountsItsWindowOnPostgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            aRestartKeepsTheBudgetAndTheWindow(postgres.getPostgresDatabase());
        }
    }

    private static void aRestartKeepsTheBudgetAndTheWindow(DataSource db) {
        CallLimiter before = limiter(db, 10, 5, 4);
        before.acquire(2).close();
        at(before, NOON_CHICAGO.plusSeconds(60));
        before.acquire().close();
        before.acquire(); // in flight when the node dies: never closed
        assertEquals(Hold.Kind.BUDGET, before.budgetHold().orElseThrow().kind());

        CallLimiter restarted = limiter(db, 10, 5, 4);
        at(restarted, NOON_CHICAGO.plusSeconds(120));
        HeldException held = assertThrows(HeldException.class, restarted::acquire);
        assertEquals(Hold.Kind.BUDGET, held.hold().kind(), "the budget spent before the restart");
        CallLimiter.Usage usage = restarted.usage();
        assertEquals(4, usage.usedToday());
        assertEquals(4, usage.inWindow(), "the 3 calls ended and the one in flight, ended at the restart at the latest");
        assertEquals(0, usage.inFlight());
        assertEquals(NOON_CHICAGO.plusMillis(HOUR_MS), restarted.nextRoom(), "when the first two calls leave the window");

        CallLimiter raised = limiter(db, 10, 5, 100); // restarted with a larger budget: the window still counts
        at(raised, NOON_CHICAGO.plusSeconds(180));
        raised.acquire().close();
        HeldException full = assertThrows(HeldException.class, raised::acquire);
        assertTrue(full.getMessage().contains("mktsync.limits.calls-per-window"), full.getMessage());

        CallLimiter later = limiter(db, 10, 5, 100);
        at(later, NOON_CHICAGO.plusSeconds(150 * 60));
        assertEquals(5, later.usage().usedToday());
        assertEquals(0, later.usage().inWindow(), "the call cut off by the crash ended at the first restart, not at each");
    }

    @Test
    void aCallLogThatCannotBeWrittenLosesNoPermit() throws SQLException {
        CallLimiter limiter = limiter(1, 3, 100);
        assertEquals(0, limiter.usage().usedToday(), "counts taken from the call log while it could be read");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE MKTSYNC_CALL");
        }
        limiter.acquire(2).close();
        CallLimiter.Permit third = limiter.acquire();
        assertEquals(1, limiter.usage().inFlight());
        third.close();
        assertEquals(0, limiter.usage().inFlight(), "the place at once given back");
        assertEquals(3, limiter.usage().usedToday());
        assertThrows(HeldException.class, limiter::acquire, "the window is full, counted in memory");
    }

    @Test
    void housekeepingForgetsCallsOlderThanTwoMarketoDays() {
        CallLimiter limiter = limiter(10, 100, 100);
        limiter.acquire().close();
        CallLog log = TestStores.callLog(db);
        LocalDate day = LocalDate.of(2026, 11, 29);
        assertEquals(0, log.purgeBefore(day.minusDays(1)));
        assertEquals(1, log.purgeBefore(day.plusDays(1)));
        assertEquals(0, limiter(10, 100, 100).usage().usedToday());
    }
}
