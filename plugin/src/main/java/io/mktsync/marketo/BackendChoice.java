package io.mktsync.marketo;

import io.mktsync.marketo.rest.RestBackend;
import io.mktsync.marketo.soap.SoapBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which Marketo API the plugin calls, {@code mktsync.marketo.backend}: {@code rest} (the default;
 * Marketo has served no SOAP since 31 July 2026) or {@code soap}. Any other value fails the deployment,
 * so that a typo cannot send requests to the wrong API.
 */
@ApplicationScoped
public class BackendChoice {

    static final String KEY = "mktsync.marketo.backend";

    @Inject
    @ConfigProperty(name = KEY, defaultValue = "rest")
    String backend;

    @Inject
    Instance<RestBackend> rest;

    @Inject
    Instance<SoapBackend> soap;

    @Produces
    @ApplicationScoped
    MarketoBackend chosen() {
        return "soap".equals(name()) ? soap.get() : rest.get();
    }

    void validate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        name();
    }

    private String name() {
        String name = backend.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("rest") && !name.equals("soap")) {
            throw new IllegalArgumentException(KEY + " must be rest or soap, was '" + backend + "'");
        }
        return name;
    }
}
