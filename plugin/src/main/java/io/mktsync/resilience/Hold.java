package io.mktsync.resilience;

import java.time.Instant;

/**
 * Why no request may go to Marketo for now. A quota hold lasts until Marketo's daily reset, with a
 * trial call after each re-check interval in case the quota was raised; a credentials hold lasts
 * until an operator acts (settings fixed and the plugin redeployed, or the resume operation). The
 * node's own call limiter holds when its daily budget is spent (until the reset) and, briefly, when
 * no call permit came within its wait.
 *
 * @param until     the quota's or budget's reset; null otherwise
 * @param nextTrial when one request may try Marketo again; null for credentials
 */
public record Hold(Kind kind, String reason, Instant since, Instant until, Instant nextTrial) {

    public enum Kind {
        QUOTA,
        CREDENTIALS,
        BUDGET,
        LIMITS
    }
}
