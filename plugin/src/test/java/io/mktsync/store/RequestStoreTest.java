package io.mktsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.jms.RequestEnvelope;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.Outcome;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.BodyFormat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The request store's SQL, on H2 and on PostgreSQL: arrival, copies, answers, given-up requests sent back. */
class RequestStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final SyncReply CREATED = SyncReply.of(List.of(new ObjectStatus(SyncStatus.CREATED, 7, null, null, null)));

    private static RequestEnvelope message(String requestId, String messageId) {
        return new RequestEnvelope(requestId, messageId, messageId, "queue://replies", BodyFormat.JSON,
                "{\"operation\":\"INSERT\"}", Map.of("app_orderId", "4711", "app_count", 3), NOW.minusSeconds(5),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:requests;DB_CLOSE_DELAY=-1");
        exercise(TestStores.requestStore(h2));
    }

    @Test
    void postgresql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            exercise(TestStores.requestStore(postgres.getPostgresDatabase()));
        }
    }

    private static void exercise(RequestStore store) {
        assertEquals(RequestStore.Arrival.STORED, store.receive(message("order-1", "ID:1"), NOW).arrival());
        assertEquals(RequestStore.Arrival.REDELIVERED, store.receive(message("order-1", "ID:1"), NOW).arrival());
        assertEquals(RequestStore.Arrival.DUPLICATE_WAITS, store.receive(message("order-1", "ID:2"), NOW).arrival());
        assertEquals(RequestStore.Arrival.REDELIVERED, store.receive(message("order-1", "ID:2"), NOW).arrival());
        assertEquals(RequestStore.Arrival.STORED, store.receive(message("order-2", "ID:3"), NOW).arrival());

        List<Long> waiting = store.waiting(0, 10);
        assertEquals(2, waiting.size());
        assertEquals(1, store.waiting(0, 1).size(), "at most the limit");
        assertEquals(List.of(waiting.get(1)), store.waiting(waiting.get(0), 10), "those that arrived after");
        StoredRequest first = store.load(waiting).get(0);
        assertEquals("order-1", first.envelope().requestId());
        assertEquals(Map.of("app_orderId", "4711", "app_count", 3), first.envelope().properties(), "types kept");
        assertEquals(NOW.minusSeconds(5), first.envelope().sentAt(), "the producer's send time kept");
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", first.envelope().traceParent(), "the request span's traceparent kept");
        assertTrue(store.dueDuplicates(10).isEmpty(), "the first copy is not answered yet");

        store.failedAttempt(first.seq(), 1, NOW.plusSeconds(2));
        assertEquals(1, store.load(List.of(first.seq())).get(0).failedAttempts());
        store.answered(List.of(new RequestStore.Answered(first.seq(), false, CREATED, null)), NOW);
        assertEquals(1, store.waiting(0, 10).size());
        List<RequestStore.DueDuplicate> due = store.dueDuplicates(10);
        assertEquals(1, due.size());
        assertEquals("ID:2", due.get(0).envelope().messageId());
        assertEquals(Outcome.SUCCEEDED, due.get(0).reply().outcome());
        store.duplicatesAnswered(due);
        assertTrue(store.dueDuplicates(10).isEmpty());

        RequestStore.Received late = store.receive(message("order-1", "ID:4"), NOW);
        assertEquals(RequestStore.Arrival.DUPLICATE_OF_REPLIED, late.arrival());
        assertEquals(7, late.firstReply().statuses().get(0).id());

        long second = store.waiting(0, 10).get(0);
        store.answered(List.of(new RequestStore.Answered(second, true, SyncReply.givenUp(List.of()), "given up")), NOW);
        assertEquals(RequestStore.Arrival.REOPENED, store.receive(message("order-2", "ID:5"), NOW).arrival());
        StoredRequest reopened = store.load(store.waiting(0, 10)).get(0);
        assertEquals("ID:5", reopened.envelope().messageId(), "answered to the copy sent back");
        assertEquals(0, reopened.failedAttempts());

        assertEquals(1, store.purgeAnsweredBefore(NOW.plusSeconds(1)), "the replied one; the waiting one stays");
        assertEquals(RequestStore.Arrival.STORED, store.receive(message("order-1", "ID:6"), NOW).arrival(),
                "forgotten after the retention: a new request");
    }
}
