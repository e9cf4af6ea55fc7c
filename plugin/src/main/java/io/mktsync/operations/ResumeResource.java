package io.mktsync.operations;

import io.mktsync.cluster.DispatchLease;
import io.mktsync.cluster.SharedState;
import io.mktsync.dispatch.Dispatcher;
import io.mktsync.dispatch.DispatcherState;
import io.mktsync.health.ClusterView;
import io.mktsync.resilience.Holds;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code POST /mktsync/api/resume}: an operator says Marketo is fine again (credentials fixed, quota
 * raised, an outage over): the circuit breaker closes and any hold ends; the requests waiting in
 * the store flow again at once. Answers what it ended, e.g.
 * {@code {"resumed":["circuit breaker OPEN","QUOTA hold"]}}; an empty list when nothing held calls.
 * On any node of a cluster: the dispatching node, which holds the calls for all, ends its holds
 * within a second (the resume is kept in the store, and announced to it).
 */
@Path("/resume")
@RequestScoped
public class ResumeResource {

    private static final Logger LOG = Logger.getLogger(ResumeResource.class.getName());

    @Inject
    Holds holds;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchLease lease;

    @Inject
    SharedState shared;

    @Inject
    ClusterView cluster;

    /** What a resume ended, in an operator's words. */
    public record Resumed(List<String> resumed) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Resumed resume() {
        List<String> resumed = new ArrayList<>();
        DispatcherState state = cluster.current().state();
        if (!"CLOSED".equals(state.circuitBreaker()) && !"NOT_USED_YET".equals(state.circuitBreaker())) {
            resumed.add("circuit breaker " + state.circuitBreaker());
        }
        state.hold().ifPresent(h -> resumed.add(h.kind() + " hold"));
        breakers.resetAll();
        holds.resume();
        if (lease.shared()) {
            shared.resume(Instant.now());
        }
        dispatcher.wake();
        LOG.info("Resumed by an operator: " + (resumed.isEmpty() ? "nothing was held" : String.join(", ", resumed)));
        return new Resumed(resumed);
    }
}
