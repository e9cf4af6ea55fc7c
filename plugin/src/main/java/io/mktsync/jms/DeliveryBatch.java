package io.mktsync.jms;

import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The request messages received in one JMS transaction, in queue order, and how many Marketo calls
 * they will need at least: it is full at {@code maxCalls}, or at {@code maxCalls} × the objects per
 * call in messages (a flood of rejected requests needs no call, but still makes a bounded batch).
 */
public final class DeliveryBatch {

    private final List<ReceivedRequest> requests = new ArrayList<>();
    private final Map<SyncOperation, Integer> objectsByOperation = new EnumMap<>(SyncOperation.class);
    private final int maxCalls;
    private final int perCall;
    private final boolean coalesce;
    private int ownCalls;

    DeliveryBatch(int maxCalls, int perCall, boolean coalesce) {
        this.maxCalls = maxCalls;
        this.perCall = perCall;
        this.coalesce = coalesce;
    }

    void add(ReceivedRequest request) {
        requests.add(request);
        if (request.request() != null) {
            List<MObject> objects = request.request().objects();
            objectsByOperation.merge(request.request().operation(), objects.size(), Integer::sum);
            ownCalls += (objects.size() + perCall - 1) / perCall;
        }
    }

    boolean full() {
        return calls() >= maxCalls || requests.size() >= maxCalls * perCall;
    }

    /** The calls the batch needs if no ordering splits them further. */
    int calls() {
        return coalesce ? objectsByOperation.values().stream().mapToInt(n -> (n + perCall - 1) / perCall).sum() : ownCalls;
    }

    public List<ReceivedRequest> requests() {
        return requests;
    }

    boolean isEmpty() {
        return requests.isEmpty();
    }
}
