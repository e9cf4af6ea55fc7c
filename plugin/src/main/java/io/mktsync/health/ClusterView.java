package io.mktsync.health;

import io.mktsync.cluster.DispatchLease;
import io.mktsync.cluster.SharedState;
import io.mktsync.dispatch.Dispatcher;
import io.mktsync.dispatch.DispatcherState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/**
 * What the readiness checks show: the dispatching node's state. On that node (and on a node alone
 * with its store) its own; on another node sharing the store, what the dispatching node published
 * there, read at most twice a second however often health is polled.
 */
@ApplicationScoped
public class ClusterView {

    private static final long READ_EVERY_MS = 500;
    /** The dispatching node publishes every second; one not heard of for this long is reported gone. */
    static final long SILENT_MS = 10_000;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchLease lease;

    @Inject
    SharedState shared;

    private volatile Read last;

    private record Read(long at, Optional<SharedState.Published> published) {
    }

    /**
     * The dispatching node's state as this node knows it.
     *
     * @param dispatcher the dispatching node's name, or why none is known
     * @param seenAt     when it last published (null when this node dispatches)
     */
    public record View(String dispatcher, Instant seenAt, DispatcherState state) {
    }

    /** Whether this node dispatches: alone on its store, or holding the shared store's lease. */
    public boolean dispatchesHere() {
        return !lease.shared() || lease.held();
    }

    public View current() {
        if (dispatchesHere()) {
            return new View(Dispatcher.NODE + " (this node)", null, dispatcher.state());
        }
        Read read = last;
        long now = System.currentTimeMillis();
        if (read == null || now - read.at() > READ_EVERY_MS) {
            read = new Read(now, shared.read());
            last = read;
        }
        Optional<SharedState.Published> p = read.published().filter(x -> x.state() != null && x.seenAt() != null);
        if (p.isEmpty()) {
            // No node has dispatched from this store yet: this node's own (empty) view.
            return new View("none yet", null, dispatcher.state());
        }
        SharedState.Published published = p.get();
        String name = now - published.seenAt().toEpochMilli() > SILENT_MS
                ? "none since " + published.seenAt() + " (was " + published.node() + ")" : published.node();
        return new View(name, published.seenAt(), DispatcherState.fromJson(published.state()));
    }
}
