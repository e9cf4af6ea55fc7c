package io.mktsync.resilience;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.request.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's one view of whether Marketo may be called at all. Requests that meet a hold are not
 * failed: they wait in the store without spending an attempt, and flow again when the hold ends.
 */
@ApplicationScoped
public class Holds {

    private static final Logger LOG = Logger.getLogger(Holds.class.getName());

    @Inject
    @ConfigProperty(name = "mktsync.quota.reset-zone", defaultValue = "America/Chicago")
    ZoneId resetZone;

    @Inject
    @ConfigProperty(name = "mktsync.quota.trial-interval-ms", defaultValue = "3600000")
    long quotaTrialIntervalMs;

    @Inject
    @ConfigProperty(name = "mktsync.credentials.recheck-ms", defaultValue = "60000")
    long credentialsRecheckMs;

    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    private Clock clock = Clock.systemUTC();

    public Optional<Hold> current() {
        return Optional.ofNullable(hold.get());
    }

    /**
     * Returns when this caller may call Marketo: there is no hold, or it is the one trial call of a
     * quota hold whose trial time has come. Otherwise says how long the request should wait.
     */
    public void enter() {
        Hold h = hold.get();
        if (h == null) {
            return;
        }
        if (h.kind() == Hold.Kind.QUOTA && !clock.instant().isBefore(h.nextTrial())
                && trialRunning.compareAndSet(false, true)) {
            return;
        }
        throw held(h);
    }

    /**
     * The hold that keeps a new call from starting now, if any; a quota hold whose trial is due and
     * not yet taken lets one call through ({@link #enter()} takes the trial).
     */
    public Optional<HeldException> blocking() {
        Hold h = hold.get();
        if (h == null || h.kind() == Hold.Kind.QUOTA && !clock.instant().isBefore(h.nextTrial()) && !trialRunning.get()) {
            return Optional.empty();
        }
        return Optional.of(held(h));
    }

    /** How long a held request waits: until the next quota trial, or the next credentials re-check. */
    private HeldException held(Hold h) {
        long waitMs = h.kind() == Hold.Kind.QUOTA
                ? Math.max(1000, Duration.between(clock.instant(), h.nextTrial()).toMillis())
                : credentialsRecheckMs;
        return new HeldException(h, waitMs);
    }

    /**
     * A call that started at {@code started} went through: a hold that began before it is over. A
     * call already under way when the hold began says nothing about the quota after it.
     */
    public void released(Instant started) {
        Hold was = hold.getAndUpdate(h -> h != null && started.isBefore(h.since()) ? h : null);
        if (was != null && !started.isBefore(was.since())) {
            trialRunning.set(false);
            LOG.info("Marketo calls resume: the " + was.kind() + " hold since " + was.since() + " is over");
        }
    }

    /**
     * This node takes over dispatching from one that held calls (its view in the store): the hold goes
     * on here, a quota hold with its trial as it was due.
     */
    public void adopt(Hold h) {
        hold.set(h);
        trialRunning.set(false);
        LOG.info(LogSafe.of("Calls stay held, as the node that dispatched before held them: " + h.reason()));
    }

    /** An operator says Marketo is fine again. */
    public void resume() {
        hold.set(null);
        trialRunning.set(false);
    }

    Instant now() {
        return clock.instant();
    }

    /** A trial call ended without an answer on the quota: try again after the next interval. */
    public void trialEnded() {
        if (trialRunning.compareAndSet(true, false)) {
            hold.updateAndGet(h -> h == null || h.kind() != Hold.Kind.QUOTA ? h
                    : new Hold(h.kind(), h.reason(), h.since(), h.until(), nextTrial(h.until())));
        }
    }

    /** Holds every call until the quota resets; returns what the request at hand should do. */
    public HeldException quotaSpent(MarketoQuotaException e) {
        Instant reset = nextReset();
        Hold h = new Hold(Hold.Kind.QUOTA, "Marketo's daily API quota is spent (" + e.describe()
                + "); requests wait in the store until it resets at " + reset.atZone(resetZone), clock.instant(), reset,
                nextTrial(reset));
        hold.set(h);
        trialRunning.set(false);
        LOG.warning(LogSafe.of(h.reason()));
        return held(h);
    }

    /** Holds every call until an operator acts; returns what the request at hand should do. */
    public HeldException credentialsRefused(MarketoCredentialsException e) {
        Hold h = new Hold(Hold.Kind.CREDENTIALS, "Marketo cannot be called with these credentials (" + e.describe()
                + "); requests wait in the store until the Marketo settings are fixed and the plugin redeployed, "
                + "or an operator resumes (POST /mktsync/api/resume)", clock.instant(), null, null);
        hold.set(h);
        LOG.severe(LogSafe.of(h.reason()));
        return held(h);
    }

    /** Marketo's quota resets at midnight US Central time. */
    Instant nextReset() {
        LocalDate tomorrow = ZonedDateTime.now(clock.withZone(resetZone)).toLocalDate().plusDays(1);
        return tomorrow.atStartOfDay(resetZone).toInstant();
    }

    private Instant nextTrial(Instant reset) {
        Instant trial = clock.instant().plusMillis(quotaTrialIntervalMs);
        return trial.isBefore(reset) ? trial : reset;
    }

    void clock(Clock clock) {
        this.clock = clock;
    }
}
