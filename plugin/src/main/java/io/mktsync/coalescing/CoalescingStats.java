package io.mktsync.coalescing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Running figures of the node's delivery batches, for health data: how well calls are filled. */
@ApplicationScoped
public class CoalescingStats {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private volatile int lastBatchRequests;
    private volatile int lastBatchCalls;

    /**
     * A batch of {@code requests} made {@code calls} Marketo calls carrying {@code objects} objects;
     * objects answered without Marketo (done before, or failed before any call) count in neither.
     */
    public void synced(int requests, int calls, int objects) {
        batches.incrementAndGet();
        this.requests.addAndGet(requests);
        this.calls.addAndGet(calls);
        this.objects.addAndGet(objects);
        lastBatchRequests = requests;
        lastBatchCalls = calls;
    }

    public Figures figures() {
        long c = calls.get();
        return new Figures(batches.get(), requests.get(), c, objects.get(),
                c == 0 ? 0 : Math.round(10.0 * objects.get() / c) / 10.0, lastBatchRequests, lastBatchCalls);
    }

    public record Figures(long batches, long requests, long calls, long objects, double objectsPerCall,
                          int lastBatchRequests, int lastBatchCalls) {
    }
}
