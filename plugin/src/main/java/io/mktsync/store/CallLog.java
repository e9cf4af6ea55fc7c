package io.mktsync.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The Marketo calls the node's limits counted, in MKTSYNC_CALL: one row per call permit, from its
 * start to its end, so that a restarted node finds its daily budget and its call window as it left
 * them. Each write is its own transaction: a call's record must not wait for, nor roll back with,
 * the work that made the call. Plain SQL that H2 and PostgreSQL both run.
 */
@ApplicationScoped
public class CallLog {

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    @Inject
    StoreSchema schema;

    /** What a restarted node counts again: the Marketo day's calls, and the ends of the calls still in the window. */
    public record Counted(int usedToday, List<Instant> endsInWindow) {
    }

    /** Records a permit granted for {@code weight} calls; the id is for {@link #ended}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long started(LocalDate marketoDay, int weight, Instant at) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO MKTSYNC_CALL (MARKETO_DAY, WEIGHT, STARTED_AT) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            s.setObject(1, marketoDay);
            s.setInt(2, weight);
            s.setTimestamp(3, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                // ID is the first column: what H2 returns as the generated key, and first of PostgreSQL's RETURNING *.
                return keys.getLong(1);
            }
        } catch (SQLException x) {
            throw new StoreException("call log unwritable", x);
        }
    }

    /** Records the end of a permit's calls; whether its record was there (a purge may have taken it). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean ended(long id, Instant at) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_CALL SET ENDED_AT = ? WHERE ID = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException x) {
            throw new StoreException("call log unwritable", x);
        }
    }

    /**
     * For a node starting: the calls of {@code marketoDay}, and when each call (one entry per call of
     * a permit's weight) that ended after {@code windowStart} ended, oldest first. A call without an
     * end was in flight when the node stopped: it is ended {@code now}, the latest it can have reached
     * Marketo, once, not again at each start (a node still running the call records its own end).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Counted counted(LocalDate marketoDay, Instant windowStart, Instant now) {
        try (Connection c = connection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_CALL SET ENDED_AT = ? WHERE ENDED_AT IS NULL")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.executeUpdate();
            }
            int usedToday;
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(WEIGHT), 0) FROM MKTSYNC_CALL WHERE MARKETO_DAY = ?")) {
                s.setObject(1, marketoDay);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    usedToday = r.getInt(1);
                }
            }
            List<Instant> ends = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT WEIGHT, ENDED_AT FROM MKTSYNC_CALL WHERE ENDED_AT > ? "
                    + "ORDER BY ENDED_AT")) {
                s.setTimestamp(1, Timestamp.from(windowStart));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Instant end = r.getTimestamp(2).toInstant();
                        for (int i = r.getInt(1); i > 0; i--) {
                            ends.add(end);
                        }
                    }
                }
            }
            return new Counted(usedToday, ends);
        } catch (SQLException x) {
            throw new StoreException("call log unreadable", x);
        }
    }

    /** Forgets the calls of Marketo days before {@code day}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBefore(LocalDate day) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM MKTSYNC_CALL WHERE MARKETO_DAY < ?")) {
            s.setObject(1, day);
            return s.executeUpdate();
        } catch (SQLException x) {
            throw new StoreException("call log unwritable", x);
        }
    }

    private Connection connection() throws SQLException {
        if (!schema.migrated()) {
            schema.migrate();
        }
        return dataSource.getConnection();
    }
}
