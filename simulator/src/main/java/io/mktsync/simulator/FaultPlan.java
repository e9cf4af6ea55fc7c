package io.mktsync.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator is told to do wrong, set through {@code PUT /simulator/control/faults}:
 * <pre>{"latencyMs":200,"down":false,"quotaRemaining":10000,"concurrencyLimit":10,"rateLimitCalls":100,"failures":[{"code":20011,"times":2},{"httpStatus":503},{"delayMs":5000}]}</pre>
 * Each call consumes one failure from the head of the list until it is empty.
 */
public class FaultPlan {

    /** Added before every answer. */
    public long latencyMs;
    /** Every call is answered HTTP 503 with a plain-text body, like a load balancer in front of an outage. */
    public boolean down;
    /** Calls left in today's API quota; once spent, every call gets 20015. Null: no quota. */
    public Integer quotaRemaining;
    /** Enforce Marketo's concurrency limit: more calls at once get 20024. Null: not enforced. */
    public Integer concurrencyLimit;
    /** Enforce Marketo's rate limit: more accepted calls in the window get 20023. Null: not enforced. */
    public Integer rateLimitCalls;
    /** The rate limit's sliding window; Marketo's is 20 s. */
    public Long rateLimitWindowMs;
    public List<Failure> failures = new ArrayList<>();

    public static class Failure {
        /** A Marketo error code, answered as a SOAP fault. */
        public Integer code;
        /** Or an HTTP status, answered with a plain-text body and no Marketo code. */
        public Integer httpStatus;
        /** Or a slow answer: the call is processed normally, this much later. */
        public Long delayMs;
        public int times = 1;
    }
}
