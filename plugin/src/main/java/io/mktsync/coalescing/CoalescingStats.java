package io.mktsync.coalescing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Running figures of the node's calls, for health data: how well calls are filled. */
@ApplicationScoped
public class CoalescingStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();

    /**
     * A planned call for objects of {@code requests} made {@code calls} Marketo calls carrying
     * {@code objects} objects; objects answered without Marketo (done before) count in neither.
     */
    public void synced(int requests, int calls, int objects) {
        this.requests.addAndGet(requests);
        this.calls.addAndGet(calls);
        this.objects.addAndGet(objects);
    }

    public Figures figures() {
        return Figures.of(requests.get(), calls.get(), objects.get());
    }

    public record Figures(long requests, long calls, long objects, double objectsPerCall) {

        public static Figures of(long requests, long calls, long objects) {
            return new Figures(requests, calls, objects, calls == 0 ? 0 : Math.round(10.0 * objects / calls) / 10.0);
        }
    }
}
