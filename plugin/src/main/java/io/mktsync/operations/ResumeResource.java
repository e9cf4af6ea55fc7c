package io.mktsync.operations;

import io.mktsync.marketo.CredentialStatus;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;

/**
 * {@code POST /mktsync/api/resume}: an operator says Marketo is fine again (credentials fixed, an
 * outage over): the circuit breaker closes and a remembered credential refusal is forgotten.
 */
@Path("/resume")
@RequestScoped
public class ResumeResource {

    private static final Logger LOG = Logger.getLogger(ResumeResource.class.getName());

    @Inject
    CredentialStatus credentials;

    @Inject
    CircuitBreakerMaintenance breakers;

    @POST
    public Response resume() {
        breakers.resetAll();
        credentials.accepted();
        LOG.info("Resumed by an operator: circuit breaker closed, credential refusal cleared");
        return Response.noContent().build();
    }
}
