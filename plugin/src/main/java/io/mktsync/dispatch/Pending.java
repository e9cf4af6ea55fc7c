package io.mktsync.dispatch;

import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.coalescing.OrderingKeys;
import io.mktsync.marketo.CallGroup;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.request.SyncRequest;
import io.mktsync.store.StoredRequest;
import java.time.Instant;
import java.util.List;

/**
 * A waiting request as the dispatcher holds it between passes: its objects' attempts, where each may
 * go, how many are in a call now, and what it last waited for. Touched only by the dispatcher's pass.
 */
final class Pending {

    /** Where an object may go: calls of its group, after every earlier object its keys meet. */
    record Placement(CallGroup group, OrderingKeys keys) {
    }

    final StoredRequest stored;
    final SyncRequest request;
    final List<ObjectAttempt> objects;
    final List<Placement> placements;
    int inCall;
    int failedAttempts;
    Instant notBefore;
    WaitReason waitedFor;
    /** Why it ended without all its statuses (parked or given up), or null while it may still be applied. */
    String givenUp;
    boolean park;

    Pending(StoredRequest stored, SyncRequest request, List<ObjectAttempt> objects, List<Placement> placements) {
        this.stored = stored;
        this.request = request;
        this.objects = objects;
        this.placements = placements;
        this.failedAttempts = stored.failedAttempts();
        this.notBefore = stored.notBefore();
    }

    boolean done() {
        return objects.stream().allMatch(a -> a.done().isPresent());
    }

    /** Whether its not-done objects may go into a call now. */
    boolean eligible(Instant now) {
        return givenUp == null && (notBefore == null || !now.isBefore(notBefore));
    }

    /** Its statuses so far; objects without one fail with {@code error}. */
    List<ObjectStatus> statuses(String error) {
        return objects.stream().map(a -> a.done().orElseGet(() -> ObjectStatus.failed(a.object(), error))).toList();
    }
}
