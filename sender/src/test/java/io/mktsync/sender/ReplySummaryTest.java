package io.mktsync.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReplySummaryTest {

    @Test
    void nearestRankPercentiles() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, ReplySummary.percentile(oneToHundred, 50));
        assertEquals(99, ReplySummary.percentile(oneToHundred, 99));
        assertEquals(100, ReplySummary.percentile(oneToHundred, 100));
        assertEquals(1, ReplySummary.percentile(oneToHundred, 1));

        long[] three = {10, 20, 30};
        assertEquals(20, ReplySummary.percentile(three, 50));
        assertEquals(30, ReplySummary.percentile(three, 99));

        assertEquals(7, ReplySummary.percentile(new long[] {7}, 50));
        assertThrows(IllegalArgumentException.class, () -> ReplySummary.percentile(new long[0], 50));
        assertThrows(IllegalArgumentException.class, () -> ReplySummary.percentile(three, 0));
    }

    @Test
    void onePercentSlowRepliesShowInP99NotP50() {
        ReplySummary summary = new ReplySummary();
        for (int i = 0; i < 990; i++) {
            summary.replied("SUCCEEDED", Duration.ofMillis(100));
        }
        for (int i = 0; i < 10; i++) {
            summary.replied("FAILED", Duration.ofMillis(5000 + i));
        }

        assertEquals(100, summary.percentileMs(50));
        assertEquals(100, summary.percentileMs(99));
        assertEquals(5000, summary.percentileMs(99.1));
        assertEquals(5009, summary.percentileMs(100));
    }

    @Test
    void countsPerOutcomeWithTheUnansweredAndOnlyRepliesInTheTimes() {
        ReplySummary summary = new ReplySummary();
        summary.replied("SUCCEEDED", Duration.ofMillis(300));
        summary.replied("SUCCEEDED", Duration.ofMillis(100));
        summary.replied("FAILED", Duration.ofMillis(200));
        summary.unanswered();

        assertEquals(Map.of("SUCCEEDED", 2, "FAILED", 1, ReplySummary.NO_REPLY, 1), summary.outcomes());
        assertEquals("4 requests: FAILED 1, SUCCEEDED 2, no reply 1\nsend→reply ms: p50 200, p99 300, max 300",
                summary.toString());
    }

    @Test
    void noRepliesNoTimes() {
        ReplySummary summary = new ReplySummary();
        summary.unanswered();

        assertEquals("1 requests: no reply 1\nsend→reply: no replies", summary.toString());
    }
}
