package io.mktsync.store;

import io.mktsync.attempts.AttemptLog;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Forgets answered requests and their attempt records older than the retention. That is also how
 * long a copy of a request (same {@code mktsync_requestId}) is recognised as such; requests still
 * waiting are kept, however old. Forgets the call log's calls older than two Marketo days: the
 * limits count only today's calls and the last window's.
 */
@Singleton
public class StoreHousekeeping {

    private static final Logger LOG = Logger.getLogger(StoreHousekeeping.class.getName());

    @Inject
    RequestStore requests;

    @Inject
    AttemptLog attempts;

    @Inject
    CallLog calls;

    @Inject
    @ConfigProperty(name = "mktsync.store.retention-hours", defaultValue = "168")
    long retentionHours;

    @Inject
    @ConfigProperty(name = "mktsync.quota.reset-zone", defaultValue = "America/Chicago")
    ZoneId resetZone;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(retentionHours));
        int answered = requests.purgeAnsweredBefore(cutoff);
        int objects = attempts.purgeOlderThan(cutoff);
        if (answered + objects > 0) {
            LOG.info("Forgot " + answered + " answered requests and " + objects + " attempt records older than "
                    + retentionHours + " h");
        }
        int callRecords = calls.purgeBefore(LocalDate.now(resetZone).minusDays(2));
        if (callRecords > 0) {
            LOG.info("Forgot " + callRecords + " call records older than two Marketo days");
        }
    }
}
