package io.mktsync.attempts;

import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoUnavailableException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.request.LogSafe;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one attempt of a call so that no attempt creates an object twice. Its objects are logged
 * as SENT before the call and DONE after it. When an earlier attempt of an object was never
 * confirmed, the object is first judged by {@link ReplaySafety}: resent, looked up by its external
 * key, or answered FAILED without being sent. Every call first takes a permit of the node's
 * {@link CallLimiter}.
 *
 * <p>A lookup only tells the truth once the earlier call cannot still be running at Marketo (we
 * gave up waiting for it, Marketo may not have): lookups wait until {@code mktsync.attempts.settle-ms}
 * after that call was sent.
 */
@ApplicationScoped
public class AttemptGuard {

    private static final Logger LOG = Logger.getLogger(AttemptGuard.class.getName());

    static final String NOT_RESENT = "outcome unknown: an earlier attempt was sent to Marketo and never confirmed, "
            + "and this object cannot be checked; not sent again so as not to create it twice. Check Marketo";

    @Inject
    AttemptLog log;

    @Inject
    CallLimiter limiter;

    @Inject
    @ConfigProperty(name = "mktsync.attempts.settle-ms", defaultValue = "20000")
    long settleMs;

    /** Applies the objects and returns their statuses in the same order; each attempt is then done. */
    public Synced send(MarketoBackend backend, SyncOperation operation, List<ObjectAttempt> attempts) {
        ObjectStatus[] statuses = new ObjectStatus[attempts.size()];
        List<Integer> toSend = new ArrayList<>();
        List<Integer> toLookUp = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            ObjectAttempt a = attempts.get(i);
            ReplaySafety safety = a.unconfirmed() ? ReplaySafety.of(operation, a.object()) : ReplaySafety.RESEND;
            switch (safety) {
                case RESEND -> toSend.add(i);
                case LOOK_UP_FIRST -> toLookUp.add(i);
                case DO_NOT_RESEND -> statuses[i] = ObjectStatus.failed(a.object(), NOT_RESENT);
            }
        }
        if (!toLookUp.isEmpty()) {
            toLookUp.stream().map(attempts::get).map(ObjectAttempt::sentAt).max(Instant::compareTo).ifPresent(this::awaitSettled);
            List<Optional<ObjectStatus>> existing = backend.existing(toLookUp.stream().map(i -> attempts.get(i).object()).toList());
            for (int j = 0; j < toLookUp.size(); j++) {
                if (existing.get(j).isPresent()) {
                    statuses[toLookUp.get(j)] = existing.get(j).get();
                } else {
                    toSend.add(toLookUp.get(j));
                }
            }
            // The call keeps the objects' order.
            toSend.sort(null);
        }
        int calls = 0;
        if (!toSend.isEmpty()) {
            List<ObjectAttempt> sending = toSend.stream().map(attempts::get).toList();
            calls = backend.marketoCalls(operation, sending.stream().map(ObjectAttempt::object).toList());
            List<ObjectStatus> sent = call(backend, operation, sending, calls);
            for (int j = 0; j < toSend.size(); j++) {
                statuses[toSend.get(j)] = sent.get(j);
            }
        }
        List<ObjectStatus> result = Arrays.asList(statuses);
        done(attempts, result);
        return new Synced(result, calls, calls == 0 ? 0 : toSend.size());
    }

    /** Records final statuses decided without Marketo's answer (a call Marketo refused as such). */
    public void done(List<ObjectAttempt> attempts, List<ObjectStatus> statuses) {
        log.done(attempts, statuses);
        for (int i = 0; i < attempts.size(); i++) {
            attempts.get(i).done(statuses.get(i));
        }
    }

    /** Until the last earlier call of the objects to look up can no longer be running at Marketo. */
    private void awaitSettled(Instant lastSent) {
        long wait = Duration.between(Instant.now(), lastSent.plusMillis(settleMs)).toMillis();
        if (wait > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
    }

    private List<ObjectStatus> call(MarketoBackend backend, SyncOperation operation, List<ObjectAttempt> attempts, int calls) {
        List<ObjectAttempt> firstInDoubt = attempts.stream().filter(a -> !a.unconfirmed()).toList();
        List<MObject> objects = attempts.stream().map(ObjectAttempt::object).toList();
        try (CallLimiter.Permit permit = limiter.acquire(calls)) {
            Instant now = Instant.now();
            log.sent(attempts, now);
            attempts.forEach(a -> a.sent(now));
            try {
                return backend.syncMObjects(operation, objects);
            } catch (MarketoException e) {
                if (e instanceof MarketoUnavailableException) {
                    // One line per failed attempt; the retries and the breaker decide what follows.
                    LOG.warning(() -> "Marketo call of " + objects.size() + " objects failed: " + LogSafe.of(e.describe()));
                    LOG.log(Level.FINE, "Marketo call failed", e);
                }
                if (e.notApplied()) {
                    // This call was certainly not applied: objects no earlier attempt put in doubt are clear again.
                    log.notApplied(firstInDoubt);
                    firstInDoubt.forEach(ObjectAttempt::notApplied);
                }
                throw e;
            } catch (RuntimeException e) {
                // The backends report every failure of the exchange, and of reading Marketo's answer, as a
                // MarketoException saying whether it may have been applied: this broke while building the
                // call, before anything was sent (a request no check foresaw). Its call-mates, sent again
                // without it, need no lookup.
                log.notApplied(firstInDoubt);
                firstInDoubt.forEach(ObjectAttempt::notApplied);
                throw e;
            }
        }
    }
}
