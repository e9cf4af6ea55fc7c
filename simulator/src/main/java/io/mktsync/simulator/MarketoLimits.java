package io.mktsync.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marketo's own limits, when told to enforce them: at most {@code concurrency} calls at once
 * (20024 beyond), at most {@code calls} accepted calls in any {@code windowMs} (20023 beyond).
 * Marketo's documented values are 10, and 100 per 20 s. A call refused here is not counted.
 */
@ApplicationScoped
public class MarketoLimits {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<Long> accepted = new ArrayDeque<>();
    private volatile Integer concurrency;
    private volatile Integer calls;
    private volatile long windowMs = 20_000;

    public synchronized void configure(Integer concurrency, Integer calls, Long windowMs) {
        this.concurrency = concurrency;
        this.calls = calls;
        this.windowMs = windowMs == null ? 20_000 : windowMs;
        accepted.clear();
    }

    /** How many calls were in progress when a call began (itself included), and the code refusing it or null. */
    public record Entry(int inFlight, Integer refusal, long received) {
    }

    /** A call begins. Always pair with {@link #leave()}. */
    public Entry enter() {
        long received = System.currentTimeMillis();
        int now = inFlight.incrementAndGet();
        Integer limit = concurrency;
        if (limit != null && now > limit) {
            return new Entry(now, 20024, received);
        }
        return new Entry(now, calls == null ? null : admitInWindow(), received);
    }

    public void leave() {
        inFlight.decrementAndGet();
    }

    private synchronized Integer admitInWindow() {
        long now = System.currentTimeMillis();
        while (!accepted.isEmpty() && accepted.peekFirst() <= now - windowMs) {
            accepted.pollFirst();
        }
        if (accepted.size() >= calls) {
            return 20023;
        }
        accepted.addLast(now);
        return null;
    }
}
