package io.mktsync.simulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The simulated instance's one LaunchPoint custom service and its access token, with Marketo's
 * semantics: asking Identity before the token expires returns the same token and its remaining
 * lifetime; a new token is issued only once the old one has expired.
 */
@ApplicationScoped
public class IdentityTokens {

    static final String DEFAULT_CLIENT_ID = "mktsync-sim-client";
    static final String DEFAULT_CLIENT_SECRET = "mktsync-sim-client-secret";
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3600);

    /** What Identity answers: the token and its remaining whole seconds. */
    public record Grant(String accessToken, long expiresIn) {
    }

    private String clientId;
    private String clientSecret;
    private Duration lifetime;
    private String token;
    private Instant expiresAt;
    private int issued;

    /**
     * The default service again. Its token lives on, as a real token outlives changes to the data,
     * unless the service's credentials had been changed (which revoked it).
     */
    @PostConstruct
    public synchronized void reset() {
        set(System.getProperty("mktsync.simulator.client-id", DEFAULT_CLIENT_ID),
                System.getProperty("mktsync.simulator.client-secret", DEFAULT_CLIENT_SECRET));
        lifetime = DEFAULT_LIFETIME;
        issued = 0;
    }

    /** The service's credentials; new ones revoke the current token. */
    public synchronized void set(String clientId, String clientSecret) {
        if (!clientId.equals(this.clientId) || !clientSecret.equals(this.clientSecret)) {
            token = null;
            expiresAt = null;
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** How long tokens issued from now on live; the current token expires no later than that. */
    public synchronized void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        if (expiresAt != null && expiresAt.isAfter(Instant.now().plus(lifetime))) {
            expiresAt = Instant.now().plus(lifetime);
        }
    }

    /** The token for these client credentials, or null when they are not the service's. */
    public synchronized Grant grant(String clientId, String clientSecret) {
        if (!this.clientId.equals(clientId) || !this.clientSecret.equals(clientSecret)) {
            return null;
        }
        Instant now = Instant.now();
        if (token == null || !now.isBefore(expiresAt)) {
            token = UUID.randomUUID() + ":sim";
            expiresAt = now.plus(lifetime);
            issued++;
        }
        return new Grant(token, Duration.between(now, expiresAt).toSeconds());
    }

    /** Null when the bearer token is good, else Marketo's code: 600 none, 601 unknown, 602 expired. */
    public synchronized Integer check(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return 600;
        }
        String presented = authorization.substring(7).trim();
        if (token == null || !presented.equals(token)) {
            return 601;
        }
        return Instant.now().isBefore(expiresAt) ? null : 602;
    }

    /** How many distinct tokens were issued since the last reset. */
    public synchronized int issued() {
        return issued;
    }
}
