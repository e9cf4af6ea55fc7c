package io.mktsync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.limits.CallLimiter;
import io.mktsync.resilience.Hold;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatching node's view survives its trip through the store to the other nodes' health. */
class DispatcherStateTest {

    @Test
    void everyFigureAndHoldComesBackAsPublished() {
        Instant since = Instant.parse("2026-12-02T10:00:00Z");
        DispatcherState state = new DispatcherState(
                Optional.of(new Hold(Hold.Kind.QUOTA, "Marketo's daily API quota is spent", since,
                        Instant.parse("2026-12-03T06:00:00Z"), since.plusSeconds(3600))),
                "HALF_OPEN", Optional.of(since.plusSeconds(20)),
                new CallLimiter.Usage(3, 8, 41, 96, 20_000, 1234, 9000, 2),
                Optional.of(new Hold(Hold.Kind.BUDGET, "budget spent", since, since.plusSeconds(86_400), null)),
                new Dispatcher.Backlog(12, Map.of("inCall", 10, "QUOTA_HOLD", 2)),
                CoalescingStats.Figures.of(500, 7, 640));

        assertEquals(state, DispatcherState.fromJson(state.toJson()));
    }

    @Test
    void nothingHeld() {
        DispatcherState state = new DispatcherState(Optional.empty(), "NOT_USED_YET", Optional.empty(),
                new CallLimiter.Usage(0, 8, 0, 96, 20_000, 0, 9000, 0), Optional.empty(),
                new Dispatcher.Backlog(0, Map.of()), CoalescingStats.Figures.of(0, 0, 0));

        assertEquals(state, DispatcherState.fromJson(state.toJson()));
    }
}
