package io.mktsync.marketo.soap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to reach a Marketo instance's mktows endpoint; every key also works as an env var. */
@ApplicationScoped
public class SoapSettings {

    static final String ENDPOINT = "mktsync.marketo.soap.endpoint";
    static final String USER_ID = "mktsync.marketo.soap.user-id";
    static final String ENCRYPTION_KEY = "mktsync.marketo.soap.encryption-key";

    @Inject
    @ConfigProperty(name = ENDPOINT)
    Optional<String> endpoint;

    @Inject
    @ConfigProperty(name = USER_ID)
    Optional<String> userId;

    @Inject
    @ConfigProperty(name = ENCRYPTION_KEY)
    Optional<String> encryptionKey;

    @Inject
    @ConfigProperty(name = "mktsync.marketo.soap.connect-timeout-ms", defaultValue = "10000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "mktsync.marketo.soap.receive-timeout-ms", defaultValue = "30000")
    long receiveTimeoutMs;

    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (blank(endpoint)) {
            missing.add(ENDPOINT);
        }
        if (blank(userId)) {
            missing.add(USER_ID);
        }
        if (blank(encryptionKey)) {
            missing.add(ENCRYPTION_KEY);
        }
        return missing;
    }

    public Optional<String> endpoint() {
        return endpoint.filter(s -> !s.isBlank());
    }

    String userId() {
        return userId.orElseThrow();
    }

    String encryptionKey() {
        return encryptionKey.orElseThrow();
    }

    long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    long receiveTimeoutMs() {
        return receiveTimeoutMs;
    }

    private static boolean blank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }
}
