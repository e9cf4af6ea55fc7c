package io.mktsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent inserts sharing commits: each is told whether it inserted, and a row at fault fails alone. */
class GroupCommitTest {

    private static final int SESSIONS = 16;
    private static final int PER_SESSION = 200;

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final AtomicInteger connections = new AtomicInteger();
    private GroupCommit inserts;
    private ExecutorService sessions;

    @BeforeEach
    void table() throws SQLException {
        h2.setURL("jdbc:h2:mem:group-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE T (K VARCHAR(20) NOT NULL UNIQUE, V VARCHAR(5) NOT NULL)");
        }
        inserts = new GroupCommit("INSERT INTO T (K, V) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM T WHERE K = ?)", () -> {
            connections.incrementAndGet();
            return h2.getConnection();
        }, c -> { });
        sessions = Executors.newFixedThreadPool(SESSIONS);
    }

    @AfterEach
    void stop() {
        sessions.shutdownNow();
    }

    @Test
    void concurrentSessionsShareCommits() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> inserted = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int from = session * PER_SESSION;
            inserted.add(sessions.submit(() -> {
                start.await();
                int n = 0;
                for (int i = from; i < from + PER_SESSION; i++) {
                    // Every key twice: the second copy finds the first, in the same batch or not.
                    n += insert("k" + i, "v") ? 1 : 0;
                    n += insert("k" + i, "v") ? 1 : 0;
                }
                return n;
            }));
        }
        start.countDown();
        for (Future<Integer> f : inserted) {
            assertEquals(PER_SESSION, f.get(), "each key inserted once, its copy told it was there");
        }
        assertEquals(SESSIONS * PER_SESSION, rows());
        int commits = connections.get();
        assertTrue(commits < 2 * SESSIONS * PER_SESSION, "some commits shared: " + commits);
    }

    @Test
    void aRowAtFaultFailsAlone() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            String value = session == 3 ? "too long" : "v";
            String key = "k" + session;
            Callable<Boolean> one = () -> {
                start.await();
                return insert(key, value);
            };
            results.add(sessions.submit(one));
        }
        start.countDown();
        for (int session = 0; session < SESSIONS; session++) {
            Future<Boolean> f = results.get(session);
            if (session == 3) {
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(SQLException.class, e.getCause());
            } else {
                assertTrue(f.get());
            }
        }
        assertEquals(SESSIONS - 1, rows());
    }

    private boolean insert(String key, String value) throws SQLException {
        return inserts.insert(s -> {
            s.setString(1, key);
            s.setString(2, value);
            s.setString(3, key);
        });
    }

    private int rows() throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM T")) {
            r.next();
            return r.getInt(1);
        }
    }
}
