package io.mktsync.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PluginLivenessTest {

    private final PluginLiveness liveness = new PluginLiveness();

    @Test
    void notAliveBeforeThePluginStarted() {
        liveness.attemptLog = answering(true);

        assertEquals(Optional.of("the plugin has not started yet"), liveness.downReason(liveness.attemptLogAnswer()));
    }

    @Test
    void aliveOnceStartedWithItsAttemptLogAnswering() {
        liveness.attemptLog = answering(true);
        liveness.started(new Object());

        assertEquals("UP", liveness.attemptLogAnswer());
        assertEquals(Optional.empty(), liveness.downReason(liveness.attemptLogAnswer()));
    }

    @Test
    void notAliveWhenTheDatabaseDoesNotValidateTheConnection() {
        liveness.attemptLog = answering(false);
        liveness.started(new Object());

        assertEquals("no answer within 2 s", liveness.attemptLogAnswer());
        assertEquals(Optional.of("the attempt log's database (MktsyncDS) does not answer"),
                liveness.downReason(liveness.attemptLogAnswer()));
    }

    @Test
    void notAliveWhenNoConnectionComesAndSaysSoWithoutItsMessage() {
        liveness.attemptLog = dataSource(() -> {
            throw new SQLTransientConnectionException("jdbc:h2:/secret/path user=sa refused", "08001");
        });
        liveness.started(new Object());

        assertEquals("DOWN (SQLTransientConnectionException, SQL state 08001)", liveness.attemptLogAnswer());
        assertEquals(Optional.of("the attempt log's database (MktsyncDS) does not answer"),
                liveness.downReason(liveness.attemptLogAnswer()));
    }

    private interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** A database whose connections say {@code valid} to {@code isValid}. */
    private static DataSource answering(boolean valid) {
        Connection connection = (Connection) Proxy.newProxyInstance(PluginLivenessTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return dataSource(() -> connection);
    }

    private static DataSource dataSource(ConnectionSource connections) {
        return (DataSource) Proxy.newProxyInstance(PluginLivenessTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                        return connections.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
