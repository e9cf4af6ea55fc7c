package io.mktsync.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mktsync.dispatch.DispatcherState;
import io.mktsync.dispatch.WaitReason;
import io.mktsync.health.ClusterView;
import io.mktsync.resilience.Hold;
import io.mktsync.store.RequestStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the cluster is doing, as the health checks show it (the dispatching node's view, the same on
 * every node): requests waiting by reason, the call limiter's permits, the holds and the circuit;
 * and this node's own intake ({@code mktsync_requests_stored_total}). Read at each scrape.
 */
@ApplicationScoped
public class ClusterGauges {

    /** The backlog's reasons besides the {@link WaitReason}s (see BacklogReadiness). */
    private static final List<String> STATES = List.of("inCall", "gathering", "ordered", "ready");
    private static final List<String> CIRCUIT = List.of("CLOSED", "OPEN", "HALF_OPEN", "NOT_USED_YET");

    @Inject
    ClusterView cluster;

    @Inject
    RequestStore store;

    @Inject
    @Exported
    MeterRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> reasons = new ArrayList<>(STATES);
        for (WaitReason r : WaitReason.values()) {
            reasons.add(r.name());
        }
        for (String reason : reasons) {
            gauge("mktsync.requests.waiting", "Requests waiting in the store, by reason", s -> s.backlog().why().getOrDefault(reason, 0))
                    .tag("reason", reason).register(registry);
        }
        gauge("mktsync.store.requests.waiting", "Requests waiting in the store", s -> s.backlog().waiting()).register(registry);
        gauge("mktsync.limiter.calls.in.flight", "Marketo calls under way", s -> s.limits().inFlight()).register(registry);
        gauge("mktsync.limiter.calls.in.window", "Marketo calls counted in the current rate window", s -> s.limits().inWindow())
                .register(registry);
        gauge("mktsync.limiter.calls.today", "Marketo calls made in Marketo's day", s -> s.limits().usedToday()).register(registry);
        gauge("mktsync.limiter.daily.budget.remaining", "Marketo calls left in the day's budget",
                s -> Math.max(0, s.limits().dailyBudget() - s.limits().usedToday())).register(registry);
        gauge("mktsync.limiter.permits.waiting", "Callers waiting for a call permit", s -> s.limits().waiting()).register(registry);
        for (Hold.Kind kind : Hold.Kind.values()) {
            gauge("mktsync.hold", "1 while this hold stops Marketo calls",
                    s -> s.hold().filter(h -> h.kind() == kind).or(() -> s.budgetHold().filter(h -> h.kind() == kind)).isPresent() ? 1 : 0)
                    .tag("kind", kind.name()).register(registry);
        }
        for (String state : CIRCUIT) {
            gauge("mktsync.circuit.breaker.state", "1 for the Marketo circuit breaker's current state",
                    s -> state.equals(s.circuitBreaker()) ? 1 : 0).tag("state", state).register(registry);
        }
        Gauge.builder("mktsync.dispatching", cluster, c -> c.dispatchesHere() ? 1 : 0)
                .description("1 on the node that dispatches for the cluster").register(registry);
        FunctionCounter.builder("mktsync.requests.stored", store, RequestStore::storedHere)
                .description("New requests this node's intake stored").register(registry);
    }

    private Gauge.Builder<ClusterView> gauge(String name, String description, ToDoubleFunction<DispatcherState> value) {
        return Gauge.builder(name, cluster, c -> value.applyAsDouble(c.current().state())).description(description);
    }
}
