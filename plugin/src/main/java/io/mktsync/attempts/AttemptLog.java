package io.mktsync.attempts;

import io.mktsync.reply.JsonReplyReader;
import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import io.mktsync.request.MObject;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.mktsync.store.StoreException;
import io.mktsync.store.StoreSchema;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The durable record of what was sent to Marketo for each object of each request: SENT before the
 * call that carries it, DONE with its status after. Every write commits at once (REQUIRES_NEW), so
 * that after a crash the restarted dispatcher knows which objects Marketo may already have applied,
 * whatever other requests shared their call.
 * Plain SQL, so any JTA datasource will do; the server configuration binds a file-based H2 database
 * at {@code java:jboss/datasources/MktsyncDS}. The table is {@link StoreSchema}'s.
 */
@ApplicationScoped
public class AttemptLog {

    private static final JsonReplyWriter WRITER = new JsonReplyWriter();
    private static final JsonReplyReader READER = new JsonReplyReader();
    private static final String SENT = "SENT";
    private static final String DONE = "DONE";
    private static final String TABLE = "MKTSYNC_OBJECT_ATTEMPT";
    /** Ids per SELECT ... IN: below every database's limit on list length. */
    private static final int IDS_PER_QUERY = 100;
    /** SQLSTATE of a duplicate key, H2's and PostgreSQL's alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    @Inject
    StoreSchema schema;

    /** What is known of these requests' objects from earlier deliveries: one attempt per object. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<String, List<ObjectAttempt>> open(Map<String, List<MObject>> requests) {
        Map<String, Map<Integer, ObjectAttempt>> known = new HashMap<>();
        List<String> ids = new ArrayList<>(requests.keySet());
        try (Connection c = connection()) {
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<String> part = ids.subList(from, Math.min(from + IDS_PER_QUERY, ids.size()));
                String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                try (PreparedStatement s = c.prepareStatement("SELECT REQUEST_ID, OBJECT_INDEX, STATE, STATUS, UPDATED_AT FROM "
                        + TABLE + " WHERE REQUEST_ID IN (" + marks + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        s.setString(i + 1, part.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String id = r.getString(1);
                            int index = r.getInt(2);
                            List<MObject> objects = requests.get(id);
                            if (index < objects.size()) {
                                boolean done = DONE.equals(r.getString(3));
                                known.computeIfAbsent(id, k -> new HashMap<>()).put(index, new ObjectAttempt(id, index,
                                        objects.get(index), done ? READER.statuses(r.getString(4)).get(0) : null,
                                        done ? null : r.getTimestamp(5).toInstant()));
                            }
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("attempt log unreadable", e);
        }
        Map<String, List<ObjectAttempt>> attempts = new HashMap<>();
        requests.forEach((id, objects) -> {
            Map<Integer, ObjectAttempt> ofRequest = known.getOrDefault(id, Map.of());
            List<ObjectAttempt> all = new ArrayList<>(objects.size());
            for (int i = 0; i < objects.size(); i++) {
                ObjectAttempt a = ofRequest.get(i);
                all.add(a != null ? a : new ObjectAttempt(id, i, objects.get(i), null, null));
            }
            attempts.put(id, all);
        });
        return attempts;
    }

    /**
     * Records these objects as sent, before the call. It is also the claim to send them: an object no
     * earlier attempt sent has no record, and its record is inserted, never replaced, so that of two
     * dispatchers (one that lost its lease without knowing it yet, and the next) only one can send it.
     *
     * @throws StoreException when another dispatcher claimed one of them: none of them may be sent
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(List<ObjectAttempt> attempts, Instant at) {
        write(attempts, SENT, null, at);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void done(List<ObjectAttempt> attempts, List<ObjectStatus> statuses) {
        write(attempts, DONE, statuses, Instant.now());
    }

    /** Marketo answered that it did not apply the call: as if these objects had never been sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void notApplied(List<ObjectAttempt> attempts) {
        try (Connection c = connection()) {
            delete(c, attempts);
        } catch (SQLException e) {
            throw new StoreException("attempt log unwritable", e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeOlderThan(Instant cutoff) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE UPDATED_AT < ? "
                     + "AND REQUEST_ID NOT IN (SELECT REQUEST_ID FROM MKTSYNC_REQUEST WHERE STATE = 'WAITING')")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("attempt log unwritable", e);
        }
    }

    private void write(List<ObjectAttempt> attempts, String state, List<ObjectStatus> statuses, Instant at) {
        try (Connection c = connection()) {
            delete(c, SENT.equals(state) ? attempts.stream().filter(ObjectAttempt::unconfirmed).toList() : attempts);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                    + " (REQUEST_ID, OBJECT_INDEX, STATE, STATUS, UPDATED_AT) VALUES (?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(at);
                for (int i = 0; i < attempts.size(); i++) {
                    insert.setString(1, attempts.get(i).requestId());
                    insert.setInt(2, attempts.get(i).index());
                    insert.setString(3, state);
                    insert.setString(4, statuses == null ? null : WRITER.write(SyncReply.of(List.of(statuses.get(i)))));
                    insert.setTimestamp(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getNextException() != null
                    && UNIQUE_VIOLATION.equals(e.getNextException().getSQLState())) {
                throw new StoreException("attempt log: another dispatcher has sent some of these objects", e);
            }
            throw new StoreException("attempt log unwritable", e);
        }
    }

    private void delete(Connection c, List<ObjectAttempt> attempts) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE
                + " WHERE REQUEST_ID = ? AND OBJECT_INDEX = ?")) {
            for (ObjectAttempt a : attempts) {
                delete.setString(1, a.requestId());
                delete.setInt(2, a.index());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private Connection connection() throws SQLException {
        if (!schema.migrated()) {
            schema.migrate();
        }
        return dataSource.getConnection();
    }
}
