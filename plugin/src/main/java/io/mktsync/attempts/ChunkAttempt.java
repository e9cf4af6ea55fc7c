package io.mktsync.attempts;

import io.mktsync.reply.ObjectStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One call's worth of a request (chunk {@code n} of request {@code id}) across its attempts:
 * retries within a delivery and redeliveries after a crash or rollback alike.
 */
public final class ChunkAttempt {

    private final String requestId;
    private final int chunk;
    private final List<ObjectStatus> done;
    private boolean unconfirmed;
    private Instant sentAt;
    private boolean sentInThisDelivery;

    ChunkAttempt(String requestId, int chunk, List<ObjectStatus> done, Instant unconfirmedSentAt) {
        this.requestId = requestId;
        this.chunk = chunk;
        this.done = done;
        this.unconfirmed = unconfirmedSentAt != null;
        this.sentAt = unconfirmedSentAt;
    }

    public String requestId() {
        return requestId;
    }

    public int chunk() {
        return chunk;
    }

    /** The statuses of an earlier delivery that completed this chunk: it must not be sent again. */
    public Optional<List<ObjectStatus>> done() {
        return Optional.ofNullable(done);
    }

    /** An earlier attempt was sent and its outcome never confirmed: Marketo may have applied it. */
    public boolean unconfirmed() {
        return unconfirmed;
    }

    /** When the last attempt in doubt was sent. */
    Instant sentAt() {
        return sentAt;
    }

    void sent(Instant at) {
        unconfirmed = true;
        sentAt = at;
        sentInThisDelivery = true;
    }

    /** This delivery called Marketo for this chunk (a failure is then this request's own). */
    public boolean sentInThisDelivery() {
        return sentInThisDelivery;
    }

    void notApplied() {
        unconfirmed = false;
    }

    @Override
    public String toString() {
        return requestId + "#" + chunk;
    }
}
