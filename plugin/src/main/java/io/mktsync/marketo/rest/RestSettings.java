package io.mktsync.marketo.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to reach a Marketo instance's REST API and who we are to it; every key also works as an env var. */
@ApplicationScoped
public class RestSettings {

    static final String BASE_URL = "mktsync.marketo.rest.base-url";
    static final String CLIENT_ID = "mktsync.marketo.rest.client-id";
    static final String CLIENT_SECRET = "mktsync.marketo.rest.client-secret";

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

    /** SOAP attribute names whose REST field is not the name with a lower-case first letter. */
    @Inject
    @ConfigProperty(name = "mktsync.marketo.rest.field-names")
    Optional<String> fieldNames;

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

    /** {@code LeadSource=source,Fiscal=fiscalPeriod} as a map. */
    Map<String, String> fieldNames() {
        Map<String, String> names = new HashMap<>();
        for (String pair : fieldNames.orElse("").split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank()) {
                names.put(parts[0].trim(), parts[1].trim());
            }
        }
        return names;
    }

    private static boolean blank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }
}
