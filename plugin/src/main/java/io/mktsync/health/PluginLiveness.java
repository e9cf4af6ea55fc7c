package io.mktsync.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive when the plugin has started (its application scope is up) and the store's database answers:
 * without it no request can be taken in or answered. Marketo's state is readiness, not liveness: a restart would not
 * bring Marketo back.
 */
@Liveness
@ApplicationScoped
public class PluginLiveness implements HealthCheck {

    private static final String UP = "UP";
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource attemptLog;

    private volatile Instant startedAt;

    void started(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        startedAt = Instant.now();
    }

    @Override
    public HealthCheckResponse call() {
        String database = attemptLogAnswer();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mktsync").withData("attemptLog", database);
        if (startedAt != null) {
            response.withData("startedAt", startedAt.toString());
        }
        downReason(database).ifPresentOrElse(reason -> response.down().withData("reason", reason), response::up);
        return response.build();
    }

    Optional<String> downReason(String attemptLogAnswer) {
        if (startedAt == null) {
            return Optional.of("the plugin has not started yet");
        }
        return UP.equals(attemptLogAnswer) ? Optional.empty()
                : Optional.of("the attempt log's database (MktsyncDS) does not answer");
    }

    /** UP, or why not in words that carry no connection details (exception type and SQL state). */
    String attemptLogAnswer() {
        try (Connection c = attemptLog.getConnection()) {
            return c.isValid(VALIDATION_TIMEOUT_SECONDS) ? UP : "no answer within " + VALIDATION_TIMEOUT_SECONDS + " s";
        } catch (SQLException e) {
            return "DOWN (" + e.getClass().getSimpleName() + ", SQL state " + e.getSQLState() + ")";
        }
    }
}
