package io.mktsync.attempts;

import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one attempt of a chunk so that no attempt creates an object twice. The attempt is logged
 * as SENT before the call and DONE after it. When an earlier attempt was never confirmed, each
 * object is first judged by {@link ReplaySafety}: resent, looked up by its external key, or
 * answered FAILED without being sent.
 *
 * <p>A lookup only tells the truth once the earlier call cannot still be running at Marketo (we
 * gave up waiting for it, Marketo may not have): lookups wait until {@code mktsync.attempts.settle-ms}
 * after that call was sent.
 */
@ApplicationScoped
public class AttemptGuard {

    static final String NOT_RESENT = "outcome unknown: an earlier attempt was sent to Marketo and never confirmed, "
            + "and this object cannot be checked; not sent again so as not to create it twice. Check Marketo";

    @Inject
    AttemptLog log;

    @Inject
    @ConfigProperty(name = "mktsync.attempts.settle-ms", defaultValue = "20000")
    long settleMs;

    public List<ObjectStatus> send(MarketoBackend backend, SyncOperation operation, List<MObject> objects,
                                   ChunkAttempt attempt) {
        ObjectStatus[] statuses = new ObjectStatus[objects.size()];
        List<Integer> toSend = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            MObject o = objects.get(i);
            ReplaySafety safety = attempt.unconfirmed() ? ReplaySafety.of(operation, o) : ReplaySafety.RESEND;
            switch (safety) {
                case RESEND -> toSend.add(i);
                case LOOK_UP_FIRST -> {
                    awaitSettled(attempt);
                    Optional<Integer> id = backend.existingId(o);
                    if (id.isPresent()) {
                        statuses[i] = new ObjectStatus(SyncStatus.CREATED, id.get(), o.externalKey(), null);
                    } else {
                        toSend.add(i);
                    }
                }
                case DO_NOT_RESEND -> statuses[i] = ObjectStatus.failed(o, NOT_RESENT);
            }
        }
        if (!toSend.isEmpty()) {
            List<ObjectStatus> sent = call(backend, operation, toSend.stream().map(objects::get).toList(), attempt);
            for (int j = 0; j < toSend.size(); j++) {
                statuses[toSend.get(j)] = sent.get(j);
            }
        }
        List<ObjectStatus> result = Arrays.asList(statuses);
        log.done(attempt, result);
        return result;
    }

    private void awaitSettled(ChunkAttempt attempt) {
        long wait = Duration.between(Instant.now(), attempt.sentAt().plusMillis(settleMs)).toMillis();
        if (wait > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
    }

    private List<ObjectStatus> call(MarketoBackend backend, SyncOperation operation, List<MObject> objects,
                                    ChunkAttempt attempt) {
        boolean unconfirmedBefore = attempt.unconfirmed();
        Instant now = Instant.now();
        log.sent(attempt, now);
        attempt.sent(now);
        try {
            return backend.syncMObjects(operation, objects);
        } catch (MarketoException e) {
            if (e.notApplied() && !unconfirmedBefore) {
                // This call was certainly not applied, and no earlier one is in doubt.
                attempt.notApplied();
                log.notApplied(attempt);
            }
            throw e;
        }
    }
}
