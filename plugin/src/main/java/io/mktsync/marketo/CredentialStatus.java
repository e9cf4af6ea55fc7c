package io.mktsync.marketo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers that Marketo refused our credentials, so that readiness can say so until a call is
 * accepted again.
 */
@ApplicationScoped
public class CredentialStatus {

    private final AtomicReference<String> refusal = new AtomicReference<>();

    public void refused(MarketoCredentialsException e) {
        refusal.set(e.describe());
    }

    public void accepted() {
        refusal.set(null);
    }

    public Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }
}
