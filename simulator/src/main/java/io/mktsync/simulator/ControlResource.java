package io.mktsync.simulator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Tells the simulator what to do and shows what it received. Tests use it; so can a person with curl:
 * <ul>
 * <li>{@code POST /reset}: seed data, no faults, empty journals, default credentials;</li>
 * <li>{@code PUT /faults} a {@link FaultPlan}; {@code GET /faults};</li>
 * <li>{@code GET /calls}, {@code DELETE /calls}: the call journal;</li>
 * <li>{@code GET /spans[?traceId=hex]}, {@code DELETE /spans}: the spans exported to {@code /simulator/otlp};</li>
 * <li>{@code GET /opportunities[?externalKey=v]}, {@code GET /roles}, {@code GET /programs/{id}}: the stored objects;</li>
 * <li>{@code PUT /credentials} {@code {"userId":"..","encryptionKey":"..","windowSeconds":900}} (SOAP),
 * {@code {"clientId":"..","clientSecret":"..","tokenLifetimeSeconds":3600}} (REST), any of them;</li>
 * <li>{@code GET /tokens}: how many REST access tokens Identity has issued.</li>
 * </ul>
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ControlResource {

    @Inject
    MObjectStore store;

    @Inject
    FaultInjector faults;

    @Inject
    CallJournal journal;

    @Inject
    SpanJournal spans;

    @Inject
    Credentials credentials;

    @Inject
    MarketoLimits limits;

    @Inject
    IdentityTokens tokens;

    public static class CredentialSettings {
        public String userId;
        public String encryptionKey;
        public Long windowSeconds;
        public String clientId;
        public String clientSecret;
        public Long tokenLifetimeSeconds;
    }

    public record TokenCount(int issued) {
    }

    @POST
    @Path("reset")
    public void reset() {
        store.reset();
        faults.reset();
        limits.configure(null, null, null);
        journal.clear();
        spans.clear();
        credentials.reset();
        tokens.reset();
    }

    @PUT
    @Path("faults")
    public FaultPlan faults(FaultPlan plan) {
        faults.plan(plan);
        limits.configure(plan.concurrencyLimit, plan.rateLimitCalls, plan.rateLimitWindowMs);
        return faults.current();
    }

    @GET
    @Path("faults")
    public FaultPlan faults() {
        return faults.current();
    }

    @GET
    @Path("calls")
    public List<CallJournal.Call> calls() {
        return journal.calls();
    }

    @DELETE
    @Path("calls")
    public void clearCalls() {
        journal.clear();
    }

    @GET
    @Path("spans")
    public List<SpanJournal.Span> spans(@QueryParam("traceId") String traceId) {
        return spans.spans().stream()
                .filter(s -> traceId == null || traceId.equalsIgnoreCase(s.traceId()))
                .toList();
    }

    @DELETE
    @Path("spans")
    public void clearSpans() {
        spans.clear();
    }

    @GET
    @Path("opportunities")
    public List<SyncedObject> opportunities(@QueryParam("externalKey") String externalKey) {
        return store.opportunities().stream()
                .filter(o -> externalKey == null || Objects.equals(externalKey, o.externalKeyValue))
                .toList();
    }

    @GET
    @Path("roles")
    public List<SyncedObject> roles() {
        return store.roles();
    }

    @GET
    @Path("programs/{id}")
    public Program program(@PathParam("id") int id) {
        Program program = store.program(id);
        if (program == null) {
            throw new NotFoundException("Program " + id + " was never updated");
        }
        return program;
    }

    @PUT
    @Path("credentials")
    public void credentials(CredentialSettings settings) {
        if (settings.userId != null && settings.encryptionKey != null) {
            credentials.set(settings.userId, settings.encryptionKey);
        }
        if (settings.windowSeconds != null) {
            credentials.window(Duration.ofSeconds(settings.windowSeconds));
        }
        if (settings.clientId != null && settings.clientSecret != null) {
            tokens.set(settings.clientId, settings.clientSecret);
        }
        if (settings.tokenLifetimeSeconds != null) {
            tokens.lifetime(Duration.ofSeconds(settings.tokenLifetimeSeconds));
        }
    }

    @GET
    @Path("tokens")
    public TokenCount tokens() {
        return new TokenCount(tokens.issued());
    }
}
