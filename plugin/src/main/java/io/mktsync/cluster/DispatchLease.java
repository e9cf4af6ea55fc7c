package io.mktsync.cluster;

import io.mktsync.request.LogSafe;
import io.mktsync.store.RequestStore;
import io.mktsync.store.StoreSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Which node of several sharing one store dispatches: the one whose session holds PostgreSQL's
 * advisory lock {@link #LOCK_KEY}. One dispatcher for the cluster keeps Marketo's limits, the order
 * of the requests and the holds in one place, while every node's intake takes requests. The lock is
 * the database's: a node that dies loses its session and with it the lock, and another node takes it
 * within {@link #RETRY_MS}. Requests stored on another node reach the dispatching one as a
 * notification ({@code NOTIFY mktsync_arrivals}, sent after the intake's commit) on the same session;
 * should one be lost, the dispatcher is woken every second all the same.
 *
 * <p>The lease is kept by one long-running task of the container's managed executor: PostgreSQL tells
 * a session of notifications only while it waits for them, and says nothing when a lock is released,
 * so a node that does not hold it asks again every {@link #RETRY_MS}. On any other database (H2 in
 * a file, one node by construction) this node always dispatches.
 */
@ApplicationScoped
public class DispatchLease {

    private static final Logger LOG = Logger.getLogger(DispatchLease.class.getName());
    /** "mktsync" in ASCII: the lock's key, the same on every node. */
    static final long LOCK_KEY = 0x6d6b7473796e63L;
    static final long RETRY_MS = 1000;
    private static final int LISTEN_MS = 500;
    /**
     * A lost notification (its sender's session broke after the commit) is made up for this often; the
     * idle dispatcher's pass also tells the other nodes, this often, that it is alive (SharedState).
     */
    private static final int LISTENS_PER_SAFETY_WAKE = 2;

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/mktsync")
    ManagedScheduledExecutorService executor;

    @Inject
    StoreSchema schema;

    /** What the dispatcher hears from the lease. */
    public interface Listener {
        /** This node now dispatches, after another node or after a lost session: whatever it knew may be stale. */
        void gained();

        /** Something changed: the lease was lost, or another node stored requests. */
        void changed();
    }

    private volatile boolean held;
    private volatile boolean stopping;

    /** Starts keeping the lease; on a store that is not shared, this node dispatches at once. */
    public void start(Listener listener) {
        if (!schema.shared()) {
            held = true;
            listener.gained();
            return;
        }
        try {
            executor.execute(() -> keep(listener));
        } catch (RejectedExecutionException shuttingDown) {
            stopping = true;
        }
    }

    /** Whether this node dispatches now. */
    public boolean held() {
        return held;
    }

    /** Whether the store is shared by several nodes (PostgreSQL), so that the lease decides. */
    public boolean shared() {
        return schema.shared();
    }

    /** Gives the lease up: the keeper unlocks and ends within {@value #LISTEN_MS} ms. */
    public void stop() {
        stopping = true;
    }

    private void keep(Listener listener) {
        while (!stopping) {
            try (Connection c = dataSource.getConnection()) {
                keep(c, listener);
            } catch (SQLException | RuntimeException e) {
                LOG.warning(() -> "Dispatch lease: the store's session failed; trying again in " + RETRY_MS + " ms: " + LogSafe.of(e));
                LOG.log(Level.FINE, "Dispatch lease failed", e);
            }
            if (held) {
                held = false;
                if (stopping) {
                    LOG.info("This node no longer dispatches (it is stopping)");
                } else {
                    LOG.warning("This node no longer dispatches: its session with the store was lost");
                }
                listener.changed();
            }
            if (!stopping) {
                pause();
            }
        }
    }

    /** On one session: waits for the lock, then listens for arrivals while it holds it; unlocks when stopping. */
    private void keep(Connection c, Listener listener) throws SQLException {
        c.setAutoCommit(true);
        try {
            while (!stopping && !tryLock(c)) {
                pause();
            }
            if (stopping) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + RequestStore.ARRIVALS);
            }
            held = true;
            LOG.info("This node dispatches (it holds the store's dispatch lock)");
            listener.gained();
            Object session = driverSession(c);
            Method notifications = notificationsOf(session);
            int quiet = 0;
            while (!stopping) {
                if (Array.getLength(invoke(notifications, session)) > 0 || ++quiet >= LISTENS_PER_SAFETY_WAKE) {
                    quiet = 0;
                    listener.changed();
                }
            }
        } finally {
            // The session goes back to the pool: it must not keep the lock, or the wish for notifications.
            if (!c.isClosed()) {
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *");
                    s.execute("SELECT pg_advisory_unlock_all()");
                }
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /**
     * The driver's own session under the pool's wrapper (WildFly's, IronJacamar's
     * {@code getUnderlyingConnection()}), which JDBC's {@code unwrap} cannot reach without the
     * driver's interface class.
     */
    private static Object driverSession(Connection c) throws SQLException {
        try {
            c.getClass().getMethod("getNotifications", int.class);
            return c;
        } catch (NoSuchMethodException wrapped) {
            try {
                return c.getClass().getMethod("getUnderlyingConnection").invoke(c);
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new SQLException("the store's session is not PostgreSQL's own, nor a wrapper of it", e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
            }
        }
    }

    /**
     * PGConnection.getNotifications(int), found on the driver's session: the WAR does not see the
     * driver's classes (the driver is a deployment of the operator's), only JDBC's.
     */
    private static Method notificationsOf(Object session) throws SQLException {
        try {
            return session.getClass().getMethod("getNotifications", int.class);
        } catch (NoSuchMethodException e) {
            throw new SQLException("the PostgreSQL driver has no getNotifications(int)", e);
        }
    }

    private static Object invoke(Method notifications, Object session) throws SQLException {
        try {
            Object result = notifications.invoke(session, LISTEN_MS);
            return result == null ? new Object[0] : result;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new SQLException(e);
        }
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_MS));
    }
}
