package io.mktsync.limits;

import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.Hold;
import io.mktsync.store.CallLog;
import io.mktsync.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's own limits on Marketo calls, shared by every consumer: at most {@code concurrency}
 * calls at once, at most {@code calls-per-window} calls in any {@code window-ms} (a call counts from
 * its start until a window after its end, so that Marketo's count, made somewhere in between, is
 * never higher), and at most {@code daily-budget} calls per Marketo day (reset at midnight in
 * {@code mktsync.quota.reset-zone}). The defaults stay under Marketo's documented 10 concurrent and
 * 100 per 20 s with headroom for other integrations on the same instance (2 calls at once, 4 per
 * window), so that Marketo never has to refuse us (20023/20024).
 *
 * <p>A call waits for its permit up to {@code permit-wait-ms}; a call that cannot have one in time,
 * or finds the budget spent, is held: its requests wait in the store (see {@link HeldException}).
 *
 * <p>The counting is done here, in memory; every permit is also recorded in the {@link CallLog},
 * from which the limiter takes, on first use, the day's calls and the calls still in the window, so
 * that a restart (even {@code kill -9}) keeps a spent budget spent and a full window full. A failed
 * record only logs a warning: the call goes on and is counted in memory, because the limits exist to
 * protect Marketo's quota, which the store being unwritable does not touch; only a restart during
 * the store's failure would forget those calls.
 */
@ApplicationScoped
public class CallLimiter {

    private static final Logger LOG = Logger.getLogger(CallLimiter.class.getName());
    private static final long IN_FLIGHT_POLL_MS = 20;

    @Inject
    @ConfigProperty(name = "mktsync.limits.concurrency", defaultValue = "8")
    int concurrency;

    @Inject
    @ConfigProperty(name = "mktsync.limits.calls-per-window", defaultValue = "96")
    int callsPerWindow;

    @Inject
    @ConfigProperty(name = "mktsync.limits.window-ms", defaultValue = "20000")
    long windowMs;

    @Inject
    @ConfigProperty(name = "mktsync.limits.daily-budget", defaultValue = "9000")
    int dailyBudget;

    @Inject
    @ConfigProperty(name = "mktsync.limits.permit-wait-ms", defaultValue = "20000")
    long permitWaitMs;

    @Inject
    @ConfigProperty(name = "mktsync.quota.reset-zone", defaultValue = "America/Chicago")
    ZoneId resetZone;

    @Inject
    CallLog callLog;

    private Semaphore inFlight;
    /** When the calls of the current window ended; calls in progress count as well. */
    private final Deque<Long> ended = new ArrayDeque<>();
    private int active;
    private final AtomicInteger waiting = new AtomicInteger();
    private LocalDate day;
    private int usedToday;
    /** Whether the call log's counts were taken; until then, nothing is counted. */
    private boolean loaded;
    /** Set from a failed call record to the next one that succeeds: one warning per outage of the store. */
    private final AtomicBoolean unrecorded = new AtomicBoolean();
    private Clock clock = Clock.systemUTC();

    /** A call's right to go to Marketo; closing it ends the call. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for a permit for one call to Marketo.
     *
     * @throws HeldException when the daily budget is spent, or no permit came within the wait
     * @throws StoreException when the call log's counts, never taken yet, cannot be read
     */
    public Permit acquire() {
        return acquire(1);
    }

    /**
     * Waits for a permit for a step that makes {@code calls} calls to Marketo one after the other:
     * one place among the calls at once, {@code calls} in the window and the budget (at most a whole
     * window's worth, so that it can ever be granted). 0 calls need no permit.
     *
     * @throws HeldException when the daily budget is spent, or no permit came within the wait
     * @throws StoreException when the call log's counts, never taken yet, cannot be read
     */
    public Permit acquire(int calls) {
        if (calls <= 0) {
            return () -> { };
        }
        int weight = Math.min(calls, callsPerWindow);
        budgetHold().ifPresent(h -> {
            throw new HeldException(h, Math.max(1000, h.until().toEpochMilli() - clock.millis()));
        });
        long deadline = clock.millis() + permitWaitMs;
        waiting.incrementAndGet();
        try {
            if (!semaphore().tryAcquire(permitWaitMs, TimeUnit.MILLISECONDS)) {
                throw busy("all " + concurrency + " concurrent calls (mktsync.limits.concurrency) stayed busy");
            }
            LocalDate grantedOn;
            try {
                grantedOn = awaitWindow(deadline, weight);
            } catch (RuntimeException e) {
                semaphore().release();
                throw e;
            }
            Long record = recorded(() -> callLog.started(grantedOn, weight, clock.instant()));
            return () -> {
                ended(weight);
                if (record != null) {
                    recorded(() -> callLog.ended(record, clock.instant()));
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("interrupted while waiting");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * A call counts in the window from its start until {@code window-ms} after its end. Marketo sees
     * a call somewhere between the two, so counting from the end is what keeps Marketo's own count,
     * over any window, within ours. Returns the Marketo day whose budget the calls were counted in.
     */
    private LocalDate awaitWindow(long deadline, int weight) {
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.millis();
                while (!ended.isEmpty() && ended.peekFirst() <= now - windowMs) {
                    ended.pollFirst();
                }
                if (ended.size() + active + weight <= callsPerWindow) {
                    if (budgetHold().isPresent()) {
                        throw busy("the daily budget was spent meanwhile");
                    }
                    active += weight;
                    usedToday += weight;
                    return day;
                }
                wait = ended.isEmpty() ? IN_FLIGHT_POLL_MS : ended.peekFirst() + windowMs - now;
                if (now + wait > deadline) {
                    throw busy(callsPerWindow + " calls in " + windowMs + " ms (mktsync.limits.calls-per-window) already made");
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
    }

    /**
     * What a call log write answered, or null when it failed (the call is counted in memory all the
     * same): whatever the failure, a granted permit must reach its close, or its place would be lost.
     */
    private <T> T recorded(Supplier<T> write) {
        try {
            T answer = write.get();
            unrecorded.set(false);
            return answer;
        } catch (RuntimeException e) {
            if (unrecorded.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Marketo calls go on uncounted in the call log (MKTSYNC_CALL): a restart now would forget them", e);
            }
            return null;
        }
    }

    private void ended(int weight) {
        synchronized (this) {
            active -= weight;
            long now = clock.millis();
            for (int i = 0; i < weight; i++) {
                ended.addLast(now);
            }
        }
        semaphore().release();
    }

    /**
     * Whether a call could have its permit now without waiting, counting {@code starting} calls that
     * were started but have not taken theirs yet.
     */
    public synchronized boolean hasRoom(int starting) {
        if (budgetHold().isPresent()) {
            return false;
        }
        long now = clock.millis();
        while (!ended.isEmpty() && ended.peekFirst() <= now - windowMs) {
            ended.pollFirst();
        }
        return semaphore().availablePermits() > starting && ended.size() + active + starting < callsPerWindow;
    }

    /** When a call that found no room should look again: the oldest call leaves the window, or soon. */
    public synchronized Instant nextRoom() {
        catchUp();
        long now = clock.millis();
        return Instant.ofEpochMilli(ended.isEmpty() ? now + IN_FLIGHT_POLL_MS : Math.max(now, ended.peekFirst() + windowMs));
    }

    private HeldException busy(String why) {
        return new HeldException(new Hold(Hold.Kind.LIMITS, "no Marketo call permit within " + permitWaitMs
                + " ms (mktsync.limits.permit-wait-ms): " + why, clock.instant(), null, null), 1000);
    }

    /** How many calls may run at once. */
    public int concurrency() {
        return concurrency;
    }

    /** The hold while this Marketo day's budget is spent. */
    public synchronized Optional<Hold> budgetHold() {
        catchUp();
        if (usedToday < dailyBudget) {
            return Optional.empty();
        }
        Instant reset = day.plusDays(1).atStartOfDay(resetZone).toInstant();
        return Optional.of(new Hold(Hold.Kind.BUDGET, "the node's daily budget of " + dailyBudget
                + " Marketo calls (mktsync.limits.daily-budget) is spent; requests wait in the store until it resets at "
                + reset.atZone(resetZone), reset.minusSeconds(86_400), reset, null));
    }

    /**
     * Counts again from the call log at the next use: this node takes over dispatching, and the calls
     * another node made meanwhile count too (its calls still in flight then count as ended at once, the
     * safe side).
     */
    public synchronized void reload() {
        ended.clear();
        loaded = false;
    }

    /** What the limiter holds now, for health data. */
    public synchronized Usage usage() {
        catchUp();
        long now = clock.millis();
        long inWindow = active + ended.stream().filter(t -> t > now - windowMs).count();
        return new Usage(concurrency - semaphore().availablePermits(), concurrency, (int) inWindow, callsPerWindow,
                windowMs, usedToday, dailyBudget, waiting.get());
    }

    /** The limiter's figures: calls in flight, in the current window, today; callers waiting for a permit. */
    public record Usage(int inFlight, int concurrency, int inWindow, int callsPerWindow, long windowMs,
                        int usedToday, int dailyBudget, int waiting) {
    }

    /**
     * Brings the counts to now, under the lock: on first use, what the call log kept (the node may have
     * been restarted), later a new budget at each new Marketo day. A failed read is tried again at the
     * next use: until then, no call is granted.
     */
    private void catchUp() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), resetZone);
        if (!loaded) {
            Instant now = clock.instant();
            CallLog.Counted counted = callLog.counted(today, now.minusMillis(windowMs), now);
            counted.endsInWindow().forEach(end -> ended.addLast(end.toEpochMilli()));
            usedToday = counted.usedToday();
            day = today;
            loaded = true;
        } else if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
    }

    private synchronized Semaphore semaphore() {
        if (inFlight == null) {
            inFlight = new Semaphore(concurrency, true);
        }
        return inFlight;
    }

    void clock(Clock clock) {
        this.clock = clock;
    }
}
