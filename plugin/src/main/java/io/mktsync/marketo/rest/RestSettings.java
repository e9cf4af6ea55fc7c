package io.mktsync.marketo.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to reach a Marketo instance's REST API and who we are to it; every key also works as an env var. */
@ApplicationScoped
public class RestSettings {

    static final String BASE_URL = "mktsync.marketo.rest.base-url";
    static final String CLIENT_ID = "mktsync.marketo.rest.client-id";
    static final String CLIENT_SECRET = "mktsync.marketo.rest.client-secret";
    static final String IDENTITY_FORM = "mktsync.marketo.rest.identity-form";

    /** How the client credentials travel to Identity. */
    enum IdentityForm {
        /** {@code GET /identity/oauth/token?grant_type=client_credentials&client_id=..&client_secret=..}, as Adobe documents it. */
        QUERY,
        /** The same three parameters in a form body of a POST, which Identity also takes. */
        BODY
    }

    @Inject
    @ConfigProperty(name = BASE_URL)
    Optional<String> baseUrl;

    @Inject
    @ConfigProperty(name = CLIENT_ID)
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = CLIENT_SECRET)
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.connect-timeout-ms", defaultValue = "10000")
    long connectTimeoutMs;

    /** Marketo gives Sync Opportunities 60 s; this stays just under the policy's 60 s timeout. */
    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.receive-timeout-ms", defaultValue = "55000")
    long receiveTimeoutMs;

    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.max-records-per-call", defaultValue = "300")
    int maxRecordsPerCall;

    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.token-renew-margin-s", defaultValue = "60")
    long tokenRenewMarginS;

    /** Where the client credentials go: Identity's documented query parameters, or a form body. */
    @Inject
    @ConfigProperty(name = IDENTITY_FORM, defaultValue = "query")
    String identityForm;

    /** Describe and tag types change rarely; Marketo advises caching them for a day or more. */
    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.metadata-max-age-s", defaultValue = "86400")
    long metadataMaxAgeS;

    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (blank(baseUrl)) {
            missing.add(BASE_URL);
        }
        if (blank(clientId)) {
            missing.add(CLIENT_ID);
        }
        if (blank(clientSecret)) {
            missing.add(CLIENT_SECRET);
        }
        return missing;
    }

    /** The instance's base URL without a trailing slash: Marketo's gateway refuses double slashes. */
    public Optional<String> baseUrl() {
        return baseUrl.filter(s -> !s.isBlank()).map(s -> s.trim().replaceAll("/+$", ""));
    }

    String clientId() {
        return clientId.orElseThrow();
    }

    String clientSecret() {
        return clientSecret.orElseThrow();
    }

    long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    long receiveTimeoutMs() {
        return receiveTimeoutMs;
    }

    int maxRecordsPerCall() {
        return maxRecordsPerCall;
    }

    long tokenRenewMarginS() {
        return tokenRenewMarginS;
    }

    /** A typo in the identity form fails the deployment, as a typo in the backend's name does. */
    void validate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        identityForm();
    }

    IdentityForm identityForm() {
        try {
            return IdentityForm.valueOf(identityForm.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IDENTITY_FORM + " is '" + identityForm + "'; it must be query or body", e);
        }
    }

    long metadataMaxAgeS() {
        return metadataMaxAgeS;
    }

    private static boolean blank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }
}
