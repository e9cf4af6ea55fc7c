package io.mktsync.operations;

import io.mktsync.resilience.Holds;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;

/**
 * {@code POST /mktsync/api/resume}: an operator says Marketo is fine again (credentials fixed, quota
 * raised, an outage over): the circuit breaker closes and any hold ends; waiting requests flow
 * again at their next re-check.
 */
@Path("/resume")
@RequestScoped
public class ResumeResource {

    private static final Logger LOG = Logger.getLogger(ResumeResource.class.getName());

    @Inject
    Holds holds;

    @Inject
    CircuitBreakerMaintenance breakers;

    @POST
    public Response resume() {
        breakers.resetAll();
        holds.resume();
        LOG.info("Resumed by an operator: circuit breaker closed, holds lifted");
        return Response.noContent().build();
    }
}
