package io.mktsync.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;

/** Applies the current {@link FaultPlan} to incoming calls. */
@ApplicationScoped
public class FaultInjector {

    /** What to do with one call. */
    public record Verdict(Integer code, Integer httpStatus, long delayMs) {
        static final Verdict PROCEED = new Verdict(null, null, 0);
    }

    private volatile long latencyMs;
    private volatile boolean down;
    private Integer quotaRemaining;
    private Integer concurrencyLimit;
    private Integer rateLimitCalls;
    private Long rateLimitWindowMs;
    private final Deque<FaultPlan.Failure> failures = new ArrayDeque<>();

    public synchronized void plan(FaultPlan plan) {
        latencyMs = plan.latencyMs;
        down = plan.down;
        quotaRemaining = plan.quotaRemaining;
        concurrencyLimit = plan.concurrencyLimit;
        rateLimitCalls = plan.rateLimitCalls;
        rateLimitWindowMs = plan.rateLimitWindowMs;
        failures.clear();
        for (FaultPlan.Failure f : plan.failures) {
            if (f.times > 0) {
                failures.add(f);
            }
        }
    }

    public synchronized FaultPlan current() {
        FaultPlan plan = new FaultPlan();
        plan.latencyMs = latencyMs;
        plan.down = down;
        plan.quotaRemaining = quotaRemaining;
        plan.concurrencyLimit = concurrencyLimit;
        plan.rateLimitCalls = rateLimitCalls;
        plan.rateLimitWindowMs = rateLimitWindowMs;
        plan.failures.addAll(failures);
        return plan;
    }

    public void reset() {
        plan(new FaultPlan());
    }

    public long latencyMs() {
        return latencyMs;
    }

    public boolean down() {
        return down;
    }

    public synchronized Verdict next() {
        if (down) {
            return new Verdict(null, 503, 0);
        }
        if (quotaRemaining != null) {
            if (quotaRemaining <= 0) {
                return new Verdict(20015, null, 0);
            }
            quotaRemaining--;
        }
        FaultPlan.Failure head = failures.peek();
        if (head == null) {
            return Verdict.PROCEED;
        }
        if (--head.times <= 0) {
            failures.poll();
        }
        return new Verdict(head.code, head.httpStatus, head.delayMs == null ? 0 : head.delayMs);
    }

    /** The simulated Marketo latency itself, not a test synchronisation. */
    static void pause(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
