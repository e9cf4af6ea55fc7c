package io.mktsync.attempts;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Forgets attempts older than the retention: long after any redelivery could ask about them. */
@Singleton
public class AttemptHousekeeping {

    private static final Logger LOG = Logger.getLogger(AttemptHousekeeping.class.getName());

    @Inject
    AttemptLog log;

    @Inject
    @ConfigProperty(name = "mktsync.attempts.retention-hours", defaultValue = "168")
    long retentionHours;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int purged = log.purgeOlderThan(Instant.now().minus(Duration.ofHours(retentionHours)));
        if (purged > 0) {
            LOG.info("Forgot " + purged + " attempt records older than " + retentionHours + " h");
        }
    }
}
