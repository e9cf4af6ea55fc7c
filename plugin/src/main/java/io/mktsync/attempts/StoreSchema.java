package io.mktsync.attempts;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the tables of MktsyncDS (the attempt log, the seal key) to the version this WAR needs, with
 * Flyway and the scripts in {@code db/migration}, when the plugin deploys: before any other observer
 * of the deployment, so before the request intake reads a message. A failed migration fails the
 * deployment.
 */
@ApplicationScoped
public class StoreSchema {

    private static final Logger LOG = Logger.getLogger(StoreSchema.class.getName());

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    /** NOT_SUPPORTED: Flyway commits each migration itself, which a JTA transaction would forbid. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object deployed) {
        LOG.info("MktsyncDS schema at version " + migrate(dataSource));
    }

    /** The schema version after migrating. */
    static String migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(StoreSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // A database from before Flyway holds the tables but no history: V1 creates them
                // only if missing, so it runs there too, above an empty baseline.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
