package io.mktsync.store;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the tables of MktsyncDS (the request store, the attempt log, the call log) to the version
 * this WAR needs, with Flyway and the scripts in {@code db/migration}: when the plugin deploys, before
 * any other observer of the deployment, and in any case before the first use of a table (the intake
 * bean may take a message before the deployment's observers have run). A failed migration fails the
 * deployment.
 */
@ApplicationScoped
public class StoreSchema {

    private static final Logger LOG = Logger.getLogger(StoreSchema.class.getName());

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    private volatile boolean migrated;
    private volatile boolean shared;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object deployed) {
        migrate();
    }

    /** Whether the tables are at this WAR's version; checked before every use, without a transaction's cost. */
    public boolean migrated() {
        return migrated;
    }

    /**
     * Whether MktsyncDS is PostgreSQL, which several nodes may share (the store is the cluster's); H2
     * keeps its file locked to one node. Known once {@link #migrate()} has run, as after deployment.
     */
    public boolean shared() {
        return shared;
    }

    /** NOT_SUPPORTED: Flyway commits each migration itself, which a JTA transaction would forbid. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public synchronized void migrate() {
        if (!migrated) {
            LOG.info("MktsyncDS schema at version " + migrate(dataSource));
            try (Connection c = dataSource.getConnection()) {
                shared = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new StoreException("MktsyncDS unreachable after its migration", e);
            }
            migrated = true;
        }
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
