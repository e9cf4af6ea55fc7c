package io.mktsync.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.util.logging.Logger;

/**
 * Where the plugin's meters go: the registry of WildFly's micrometer subsystem that its Prometheus
 * endpoint reads. The registry WildFly 39.0.1 gives a deployment exports only meters made by its
 * {@code counter(name, tags)}-style shortcuts; a meter made by a builder (the only way to give a
 * histogram its buckets, or a meter its description) stays inside it, unexported (WFLY-21339, fixed
 * after 39). So the meters go to the registry it forwards to, and are removed from there when the
 * plugin stops, as WildFly removes a deployment's own. On a WildFly without that field the
 * deployment's registry is used as it is.
 */
@ApplicationScoped
public class ExportedRegistry {

    /** Every meter of the plugin's has a name that starts so. */
    static final String PREFIX = "mktsync.";

    private static final Logger LOG = Logger.getLogger(ExportedRegistry.class.getName());

    @Inject
    MeterRegistry deployment;

    private MeterRegistry exported;

    @PostConstruct
    void find() {
        exported = forwardedTo(deployment);
    }

    @Produces
    @Exported
    MeterRegistry exported() {
        return exported;
    }

    @PreDestroy
    void removeMeters() {
        for (Meter meter : exported.getMeters()) {
            if (meter.getId().getName().startsWith(PREFIX)) {
                exported.remove(meter);
            }
        }
    }

    private static MeterRegistry forwardedTo(MeterRegistry deployment) {
        try {
            Field parent = deployment.getClass().getDeclaredField("parentRegistry");
            parent.setAccessible(true);
            return (MeterRegistry) parent.get(deployment);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info(() -> "Meters registered on the deployment's registry " + deployment.getClass().getName());
            return deployment;
        }
    }
}
