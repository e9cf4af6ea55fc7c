package io.mktsync.attempts;

import io.mktsync.reply.JsonReplyReader;
import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable record of what was sent to Marketo for each chunk of each request: SENT before the
 * call, DONE with the statuses after it. It outlives the request's JMS transaction on purpose:
 * every write commits at once (REQUIRES_NEW), so that after a crash a redelivered request knows
 * which calls may already have been applied. Plain SQL, so any JTA datasource will do; the server
 * configuration binds a file-based H2 database at {@code java:jboss/datasources/MktsyncDS}.
 */
@ApplicationScoped
public class AttemptLog {

    private static final JsonReplyWriter WRITER = new JsonReplyWriter();
    private static final JsonReplyReader READER = new JsonReplyReader();
    private static final String SENT = "SENT";
    private static final String DONE = "DONE";

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    private volatile boolean schemaReady;

    /** What is known of this chunk from earlier deliveries. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ChunkAttempt open(String requestId, int chunk) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT STATE, STATUSES, UPDATED_AT FROM MKTSYNC_ATTEMPT WHERE REQUEST_ID = ? AND CHUNK = ?")) {
            s.setString(1, requestId);
            s.setInt(2, chunk);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new ChunkAttempt(requestId, chunk, null, null);
                }
                return DONE.equals(r.getString(1))
                        ? new ChunkAttempt(requestId, chunk, READER.statuses(r.getString(2)), null)
                        : new ChunkAttempt(requestId, chunk, null, r.getTimestamp(3).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("attempt log unreadable", e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(ChunkAttempt attempt, Instant at) {
        write(attempt, SENT, null, at);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void done(ChunkAttempt attempt, List<ObjectStatus> statuses) {
        write(attempt, DONE, WRITER.write(SyncReply.of(statuses)), Instant.now());
    }

    /** Marketo answered that it did not apply the call: as if it had never been sent. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void notApplied(ChunkAttempt attempt) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM MKTSYNC_ATTEMPT WHERE REQUEST_ID = ? AND CHUNK = ?")) {
            s.setString(1, attempt.requestId());
            s.setInt(2, attempt.chunk());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("attempt log unwritable", e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeOlderThan(Instant cutoff) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM MKTSYNC_ATTEMPT WHERE UPDATED_AT < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("attempt log unwritable", e);
        }
    }

    private void write(ChunkAttempt attempt, String state, String statuses, Instant at) {
        try (Connection c = connection()) {
            Timestamp now = Timestamp.from(at);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE MKTSYNC_ATTEMPT SET STATE = ?, STATUSES = ?, UPDATED_AT = ? WHERE REQUEST_ID = ? AND CHUNK = ?")) {
                update.setString(1, state);
                update.setString(2, statuses);
                update.setTimestamp(3, now);
                update.setString(4, attempt.requestId());
                update.setInt(5, attempt.chunk());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO MKTSYNC_ATTEMPT (REQUEST_ID, CHUNK, STATE, STATUSES, UPDATED_AT) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, attempt.requestId());
                insert.setInt(2, attempt.chunk());
                insert.setString(3, state);
                insert.setString(4, statuses);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("attempt log unwritable", e);
        }
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        if (!schemaReady) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS MKTSYNC_ATTEMPT (REQUEST_ID VARCHAR(200) NOT NULL, "
                        + "CHUNK INT NOT NULL, STATE VARCHAR(8) NOT NULL, STATUSES CLOB, UPDATED_AT TIMESTAMP NOT NULL, "
                        + "PRIMARY KEY (REQUEST_ID, CHUNK))");
            }
            schemaReady = true;
        }
        return c;
    }
}
