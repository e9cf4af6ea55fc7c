package io.mktsync.store;

import io.mktsync.attempts.AttemptLog;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets answered requests and their attempt records older than the retention. That is also how
 * long a copy of a request (same {@code mktsync_requestId}) is recognised as such; requests still
 * waiting are kept, however old.
 */
@Singleton
public class StoreHousekeeping {

    private static final Logger LOG = Logger.getLogger(StoreHousekeeping.class.getName());

    @Inject
    RequestStore requests;

    @Inject
    AttemptLog attempts;

    @Inject
    @ConfigProperty(name = "mktsync.store.retention-hours", defaultValue = "168")
    long retentionHours;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(retentionHours));
        int answered = requests.purgeAnsweredBefore(cutoff);
        int objects = attempts.purgeOlderThan(cutoff);
        if (answered + objects > 0) {
            LOG.info("Forgot " + answered + " answered requests and " + objects + " attempt records older than "
                    + retentionHours + " h");
        }
    }
}
