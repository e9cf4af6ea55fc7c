package io.mktsync.marketo;

import io.mktsync.reply.ObjectStatus;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import java.util.List;
import java.util.Optional;

/**
 * The one seam between mktsync and a Marketo API. The JMS side, validation, coalescing, the call
 * limiter and fault-tolerance policy only see this; which API runs behind it (SOAP mktows or REST)
 * is a deployment choice, {@code mktsync.marketo.backend}.
 */
public interface MarketoBackend {

    /** A short name for health data and logs, e.g. {@code soap}. */
    String name();

    /** The most objects one {@link #syncMObjects} call may carry, whatever their group. */
    int maxObjectsPerCall();

    /** The calls an object may share: one {@link #syncMObjects} call only ever carries one group. */
    CallGroup callGroup(MObject object);

    /**
     * How many of Marketo's API calls one {@link #syncMObjects} call of these objects spends: what the
     * node's call limiter counts. 0 when every object is answered without calling Marketo.
     */
    int marketoCalls(SyncOperation operation, List<MObject> objects);

    /** The names of required settings that are not set; empty when the backend can be called. */
    List<String> missingSettings();

    /** Where calls go, for operators (never carries a secret). */
    Optional<String> endpoint();

    /**
     * Applies one call's worth of objects and returns one status per object, in the given order.
     *
     * @throws MarketoUnavailableException when the call may succeed later (outage, timeout, limits)
     * @throws MarketoCredentialsException when Marketo refuses who we are (20013, 20014; 603, Identity's 401)
     * @throws MarketoFaultException when Marketo refuses the call itself; retrying will not help
     */
    List<ObjectStatus> syncMObjects(SyncOperation operation, List<MObject> objects);

    /**
     * Looks objects up by what identifies them without an id, to learn whether an earlier,
     * unconfirmed INSERT created them: an Opportunity by its external key (Marketo does not keep
     * keys unique; the newest wins, as in Marketo), an OpportunityPersonRole by its opportunity
     * and person ids. As few calls as the API allows: after a crash with full calls in flight,
     * hundreds of objects are looked up at once.
     *
     * @return for each object, in order, a CREATED status carrying Marketo's identity for it, or
     *         empty if there is none
     */
    List<Optional<ObjectStatus>> existing(List<MObject> objects);
}
