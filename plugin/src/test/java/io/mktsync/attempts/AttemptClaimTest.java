package io.mktsync.attempts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.request.MObject;
import io.mktsync.store.StoreException;
import io.mktsync.store.TestStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The SENT record is the claim to send an object: of two dispatchers that both read an object as
 * never sent (one lost its lease and does not know it yet), only the first may send it.
 */
class AttemptClaimTest {

    private static final Map<String, List<MObject>> REQUEST = Map.of("order-1",
            List.of(new MObject("Opportunity", null, null, List.of(), List.of(), List.of())));

    @Test
    void h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:claims;DB_CLOSE_DELAY=-1");
        exercise(h2);
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            exercise(postgres.getPostgresDatabase());
        }
    }

    private static void exercise(DataSource db) {
        AttemptLog log = new AttemptLog();
        log.dataSource = db;
        log.schema = TestStores.schema(db);

        List<ObjectAttempt> first = log.open(REQUEST).get("order-1");
        List<ObjectAttempt> second = log.open(REQUEST).get("order-1");
        Instant now = Instant.now();
        log.sent(first, now);
        first.forEach(a -> a.sent(now));

        StoreException lost = assertThrows(StoreException.class, () -> log.sent(second, now));
        assertTrue(lost.getMessage().contains("another dispatcher"), lost.getMessage());

        // What the attempt log says afterwards: sent once, its outcome unconfirmed; a later attempt
        // that knows so (a replay-safe operation, sent again) replaces the record.
        List<ObjectAttempt> later = log.open(REQUEST).get("order-1");
        assertTrue(later.get(0).unconfirmed());
        assertDoesNotThrow(() -> log.sent(later, now.plusSeconds(1)));
        assertDoesNotThrow(() -> log.sent(first, now.plusSeconds(2)), "the first dispatcher's own retry");
    }
}
