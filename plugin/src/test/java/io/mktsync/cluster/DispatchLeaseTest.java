package io.mktsync.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.store.RequestStore;
import io.mktsync.store.StoreSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One node of several dispatches; another takes over when it stops; stored requests elsewhere wake it. */
class DispatchLeaseTest {

    private static EmbeddedPostgres postgres;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        THREADS.shutdownNow();
        postgres.close();
    }

    @Test
    void oneNodeAtATimeAndTheOtherTakesOver() throws Exception {
        Node first = new Node(postgres.getPostgresDatabase());
        await().atMost(Duration.ofSeconds(10)).until(() -> first.lease.held());
        Node second = new Node(postgres.getPostgresDatabase());
        assertTrue(second.lease.shared());

        int before = first.changed.get();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + RequestStore.ARRIVALS);
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> first.changed.get() > before);
        assertFalse(second.lease.held(), "the lock is the first node's");

        first.lease.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.lease.held());
        assertFalse(first.lease.held());
        assertTrue(second.gained.get() == 1);
        second.lease.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !second.lease.held());
    }

    @Test
    void aStoreOfOneNodeDispatchesAtOnce() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lease;DB_CLOSE_DELAY=-1");
        Node alone = new Node(h2);
        assertTrue(alone.lease.held());
        assertFalse(alone.lease.shared());
        assertTrue(alone.gained.get() == 1);
    }

    private static final class Node implements DispatchLease.Listener {
        final DispatchLease lease = new DispatchLease();
        final AtomicInteger gained = new AtomicInteger();
        final AtomicInteger changed = new AtomicInteger();

        Node(DataSource store) {
            lease.dataSource = store;
            boolean postgres = !(store instanceof JdbcDataSource);
            lease.schema = new StoreSchema() {
                @Override
                public boolean shared() {
                    return postgres;
                }
            };
            lease.executor = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("execute")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        THREADS.execute((Runnable) args[0]);
                        return null;
                    });
            lease.start(this);
        }

        @Override
        public void gained() {
            gained.incrementAndGet();
        }

        @Override
        public void changed() {
            changed.incrementAndGet();
        }
    }
}
