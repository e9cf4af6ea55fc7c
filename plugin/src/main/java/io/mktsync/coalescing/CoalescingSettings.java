package io.mktsync.coalescing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How waiting objects are packed into calls. A full call goes as soon as it may; a call that is not
 * full goes at once when no call is in flight (Marketo has room: waiting would only add latency),
 * and otherwise when its oldest request has waited {@code max-wait-ms}, so that objects gather while
 * calls are in flight or permits are short. Without coalescing, each request keeps its own calls.
 */
@ApplicationScoped
public class CoalescingSettings {

    @Inject
    @ConfigProperty(name = "mktsync.coalescing.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "mktsync.coalescing.max-wait-ms", defaultValue = "200")
    long maxWaitMs;

    public boolean enabled() {
        return enabled;
    }

    /** How long a call that is not full waits for more objects while other calls are in flight. */
    public long maxWaitMs() {
        return enabled ? maxWaitMs : 0;
    }
}
