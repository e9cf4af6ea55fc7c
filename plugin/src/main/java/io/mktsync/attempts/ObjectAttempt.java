package io.mktsync.attempts;

import io.mktsync.reply.ObjectStatus;
import io.mktsync.request.MObject;
import java.time.Instant;
import java.util.Optional;

/**
 * One object of a request (object {@code index} of request {@code requestId}) across its attempts:
 * retries of a call, calls split to isolate a bad object, later attempts and the dispatcher's restart
 * after a crash alike. Whichever call it travels in, its own record says whether Marketo may have seen it.
 */
public final class ObjectAttempt {

    private final String requestId;
    private final int index;
    private final MObject object;
    private ObjectStatus done;
    private boolean unconfirmed;
    private Instant sentAt;

    ObjectAttempt(String requestId, int index, MObject object, ObjectStatus done, Instant unconfirmedSentAt) {
        this.requestId = requestId;
        this.index = index;
        this.object = object;
        this.done = done;
        this.unconfirmed = unconfirmedSentAt != null;
        this.sentAt = unconfirmedSentAt;
    }

    public String requestId() {
        return requestId;
    }

    public int index() {
        return index;
    }

    public MObject object() {
        return object;
    }

    /** Its final status, from an earlier attempt or this one: it must not be sent again. */
    public Optional<ObjectStatus> done() {
        return Optional.ofNullable(done);
    }

    /** An earlier attempt was sent and its outcome never confirmed: Marketo may have applied it. */
    public boolean unconfirmed() {
        return unconfirmed;
    }

    Instant sentAt() {
        return sentAt;
    }

    void sent(Instant at) {
        unconfirmed = true;
        sentAt = at;
    }

    void done(ObjectStatus status) {
        done = status;
        unconfirmed = false;
    }

    void notApplied() {
        unconfirmed = false;
    }

    @Override
    public String toString() {
        return requestId + "#" + index;
    }
}
