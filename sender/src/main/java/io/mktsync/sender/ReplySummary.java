package io.mktsync.sender;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What came back for many requests: how many replies per {@code mktsync_outcome}, how many never
 * came, and the send→reply times (p50, p99, max).
 */
public final class ReplySummary {

    /** The count of requests whose reply did not come within the timeout. */
    public static final String NO_REPLY = "no reply";

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<Long> latenciesMs = new ArrayList<>();

    /** A reply with this outcome came this long after its request was sent. */
    public void replied(String outcome, Duration latency) {
        outcomes.merge(outcome, 1, Integer::sum);
        latenciesMs.add(latency.toMillis());
    }

    public void unanswered() {
        outcomes.merge(NO_REPLY, 1, Integer::sum);
    }

    /** Requests per outcome, {@link #NO_REPLY} among them. */
    public Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The send→reply time (ms) that p percent of the replies did not exceed; 100 gives the maximum. */
    public long percentileMs(double p) {
        return percentile(latenciesMs.stream().mapToLong(Long::longValue).sorted().toArray(), p);
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value that at least p percent of them
     * do not exceed.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0 || p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " values");
        }
        int rank = (int) Math.ceil(p * sorted.length / 100);
        return sorted[rank - 1];
    }

    /** Two lines: the requests per outcome, then the send→reply times. */
    @Override
    public String toString() {
        int requests = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        String perOutcome = outcomes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return requests + " requests: " + perOutcome + "\n" + (latenciesMs.isEmpty() ? "send→reply: no replies"
                : "send→reply ms: p50 " + percentileMs(50) + ", p99 " + percentileMs(99) + ", max " + percentileMs(100));
    }
}
