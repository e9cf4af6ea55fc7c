package io.mktsync.jms;

import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The request messages received in one JMS transaction, in queue order, and how many Marketo calls
 * they will need at least. It is full at {@code maxCalls} calls, or at {@code maxCalls} × the objects
 * per call in messages (a flood of rejected requests needs no call, but still makes a bounded batch).
 */
public final class DeliveryBatch {

    private final List<ReceivedRequest> requests = new ArrayList<>();
    private final Map<SyncOperation, Integer> objectsByOperation = new EnumMap<>(SyncOperation.class);
    private final int maxCalls;
    private final int perCall;
    private final boolean coalesce;
    private int ownCalls;
    private int objects;

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
            this.objects += objects.size();
        }
    }

    /**
     * Whether the batch should take no more requests: it needs its {@code maxCalls} calls and, when
     * coalescing, has the objects to fill them (so that 401 objects do not close a batch with a call
     * of one); or it needs more calls than that already (several operations, or large requests).
     */
    boolean full() {
        int calls = calls();
        boolean filled = !coalesce || objects >= maxCalls * perCall;
        return calls >= maxCalls && filled || calls > maxCalls || requests.size() >= maxCalls * perCall;
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
