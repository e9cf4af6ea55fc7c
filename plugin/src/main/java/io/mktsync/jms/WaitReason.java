package io.mktsync.jms;

import io.mktsync.resilience.Hold;

/**
 * Why a request was put back to wait, as its reply's {@code mktsync_waitedFor} says it: one of these
 * documented words, never a Marketo or exception text (those go to the log and to the put-back copy's
 * {@code mktsync_reason}, for operators).
 */
public enum WaitReason {
    /** Marketo's daily quota is spent (20015, 607): until its reset or a successful trial. */
    QUOTA_HOLD,
    /** Marketo refused the credentials (20013, 20014, 603) or they are not set: until an operator acts. */
    CREDENTIALS_HOLD,
    /** The node's own daily budget of calls is spent: until Marketo's day ends. */
    DAILY_BUDGET,
    /** No call permit of the node's call limiter came in time. */
    CALL_LIMITER,
    /** The circuit breaker is open, or its trial call failed: Marketo is known to be failing. */
    CIRCUIT_OPEN,
    /** A call of another request of the batch failed after its retries; this one waits without spending a delivery. */
    MARKETO_FAILED,
    /** A call carrying this request's objects failed after its retries: a delivery spent. */
    FAILED_DELIVERY,
    /** The batch ran longer than {@code mktsync.delivery.continue-after-ms}: the rest continues in a new delivery. */
    LONG_BATCH,
    /** The same request (a copy) was already in the batch. */
    SAME_REQUEST_IN_BATCH;

    static WaitReason of(Hold hold) {
        return switch (hold.kind()) {
            case QUOTA -> QUOTA_HOLD;
            case CREDENTIALS -> CREDENTIALS_HOLD;
            case BUDGET -> DAILY_BUDGET;
            case LIMITS -> CALL_LIMITER;
        };
    }
}
