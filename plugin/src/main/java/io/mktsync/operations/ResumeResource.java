package io.mktsync.operations;

import io.mktsync.dispatch.Dispatcher;
import io.mktsync.resilience.Holds;
import io.mktsync.resilience.MarketoCalls;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code POST /mktsync/api/resume}: an operator says Marketo is fine again (credentials fixed, quota
 * raised, an outage over): the circuit breaker closes and any hold ends; the requests waiting in
 * the store flow again at once. Answers what it ended, e.g.
 * {@code {"resumed":["circuit breaker OPEN","QUOTA hold"]}}; an empty list when nothing held calls.
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

    /** What a resume ended, in an operator's words. */
    public record Resumed(List<String> resumed) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Resumed resume() {
        List<String> resumed = new ArrayList<>();
        MarketoCalls.breakerState(breakers).filter(s -> s != CircuitBreakerState.CLOSED)
                .ifPresent(s -> resumed.add("circuit breaker " + s));
        holds.current().ifPresent(h -> resumed.add(h.kind() + " hold"));
        breakers.resetAll();
        holds.resume();
        dispatcher.wake();
        LOG.info("Resumed by an operator: " + (resumed.isEmpty() ? "nothing was held" : String.join(", ", resumed)));
        return new Resumed(resumed);
    }
}
