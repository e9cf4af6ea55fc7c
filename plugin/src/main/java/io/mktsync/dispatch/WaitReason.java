package io.mktsync.dispatch;

import io.mktsync.resilience.Hold;

/**
 * Why a request waited in the store, as its reply's {@code mktsync_waitedFor} says it (the last such
 * wait): one of these documented words, never a Marketo or exception text (those go to the log).
 */
public enum WaitReason {
    /** Marketo's daily quota is spent (20015, 607): until its reset or a successful trial. */
    QUOTA_HOLD,
    /** Marketo refused the credentials (20013, 20014, 603) or they are not set: until an operator acts. */
    CREDENTIALS_HOLD,
    /** The node's own daily budget of calls is spent: until Marketo's day ends. */
    DAILY_BUDGET,
    /** The node's call limiter had no permit: calls at once or calls in the window. */
    CALL_LIMITER,
    /** The circuit breaker is open, or its trial call failed: Marketo is known to be failing. */
    CIRCUIT_OPEN,
    /** A call carrying its objects failed after its retries: an attempt spent, the next one after a delay. */
    FAILED_ATTEMPT;

    static WaitReason of(Hold hold) {
        return switch (hold.kind()) {
            case QUOTA -> QUOTA_HOLD;
            case CREDENTIALS -> CREDENTIALS_HOLD;
            case BUDGET -> DAILY_BUDGET;
            case LIMITS -> CALL_LIMITER;
        };
    }
}
