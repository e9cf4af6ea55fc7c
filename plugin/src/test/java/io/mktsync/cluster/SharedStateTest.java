package io.mktsync.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mktsync.store.TestStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The dispatching node's view and an operator's resume, kept in the store for every node, on H2 and PostgreSQL. */
class SharedStateTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:shared;DB_CLOSE_DELAY=-1");
        exercise(h2);
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            exercise(postgres.getPostgresDatabase());
        }
    }

    private static void exercise(DataSource db) {
        SharedState shared = new SharedState();
        shared.dataSource = db;
        shared.schema = TestStores.schema(db);

        SharedState.Published none = shared.read().orElseThrow();
        assertNull(none.node(), "no node has dispatched yet");
        assertNull(none.state());

        assertEquals(Optional.empty(), shared.publish("node1", "{\"circuitBreaker\":\"CLOSED\"}", NOW), "no resume asked yet");
        shared.resume(NOW.plusSeconds(5));
        assertEquals(Optional.of(NOW.plusSeconds(5)), shared.publish("node2", "{\"circuitBreaker\":\"OPEN\"}", NOW.plusSeconds(6)));

        SharedState.Published seen = shared.read().orElseThrow();
        assertEquals(new SharedState.Published("node2", NOW.plusSeconds(6), "{\"circuitBreaker\":\"OPEN\"}", NOW.plusSeconds(5)), seen);
    }
}
