package io.mktsync.cluster;

import io.mktsync.store.RequestStore;
import io.mktsync.store.StoreException;
import io.mktsync.store.StoreSchema;
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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The dispatching node's view, kept in the store (MKTSYNC_DISPATCHER) for the nodes that share it:
 * their health shows what the cluster does, a node taking over dispatching takes up the holds, and a
 * resume asked on any node reaches the dispatcher. The view itself is the dispatcher's JSON; this
 * class only keeps it. Each write commits at once: it must not wait for, nor roll back with, other work.
 */
@ApplicationScoped
public class SharedState {

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    @Inject
    StoreSchema schema;

    /**
     * What the dispatching node last published: its name, when, its view; and the last resume an
     * operator asked for (null if none), which the dispatcher compares with what it has acted on.
     */
    public record Published(String node, Instant seenAt, String state, Instant resumeAt) {
    }

    /** Publishes this node's view as the dispatcher's; answers the last resume asked for, if any. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> publish(String node, String state, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_DISPATCHER SET NODE = ?, SEEN_AT = ?, STATE = ? WHERE ID = 1")) {
                s.setString(1, node);
                s.setTimestamp(2, Timestamp.from(at));
                s.setString(3, state);
                s.executeUpdate();
            }
            return read(c).map(Published::resumeAt);
        } catch (SQLException e) {
            throw new StoreException("dispatcher state unwritable", e);
        }
    }

    /** What the dispatching node last published, if any node ever did. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Published> read() {
        try (Connection c = dataSource.getConnection()) {
            return read(c);
        } catch (SQLException e) {
            throw new StoreException("dispatcher state unreadable", e);
        }
    }

    /** An operator asks for calls to resume: the dispatching node, whichever it is, ends its holds. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void resume(Instant at) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_DISPATCHER SET RESUME_AT = ? WHERE ID = 1")) {
                s.setTimestamp(1, Timestamp.from(at));
                s.executeUpdate();
            }
            if (schema.shared()) {
                // Delivered at commit: the dispatcher, woken, reads the resume at once.
                try (Statement s = c.createStatement()) {
                    s.execute("NOTIFY " + RequestStore.ARRIVALS);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("dispatcher state unwritable", e);
        }
    }

    private static Optional<Published> read(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT NODE, SEEN_AT, STATE, RESUME_AT FROM MKTSYNC_DISPATCHER WHERE ID = 1")) {
            if (!r.next()) {
                return Optional.empty();
            }
            Timestamp seen = r.getTimestamp(2);
            Timestamp resume = r.getTimestamp(4);
            return Optional.of(new Published(r.getString(1), seen == null ? null : seen.toInstant(), r.getString(3),
                    resume == null ? null : resume.toInstant()));
        }
    }
}
