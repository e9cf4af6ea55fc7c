package io.mktsync.resilience;

import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.attempts.Synced;
import io.mktsync.marketo.CallGroup;
import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The way to Marketo for a request: first the node-wide state (holds for a spent quota or refused
 * credentials, a shared back-off after rate limits), then the guarded call of {@link MarketoCalls}.
 */
@ApplicationScoped
public class MarketoAccess {

    @Inject
    MarketoCalls calls;

    @Inject
    Holds holds;

    @Inject
    RateLimitBackoff backoff;

    /**
     * @throws HeldException when the request must wait for a hold to end
     */
    public Synced syncMObjects(SyncOperation operation, List<ObjectAttempt> objects) {
        holds.enter();
        Instant started = holds.now();
        try {
            long deadline = backoff.deadline();
            while (true) {
                backoff.awaitClearance(deadline);
                try {
                    Synced synced = calls.syncMObjects(operation, objects);
                    holds.released(started);
                    return synced;
                } catch (MarketoRateLimitedException e) {
                    backoff.limited(e);
                }
            }
        } catch (MarketoQuotaException e) {
            throw holds.quotaSpent(e);
        } catch (MarketoCredentialsException e) {
            throw holds.credentialsRefused(e);
        } finally {
            holds.trialEnded();
        }
    }

    public int maxObjectsPerCall() {
        return calls.backend().maxObjectsPerCall();
    }

    public CallGroup callGroup(MObject object) {
        return calls.backend().callGroup(object);
    }
}
