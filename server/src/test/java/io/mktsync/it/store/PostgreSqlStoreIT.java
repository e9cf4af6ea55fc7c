package io.mktsync.it.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Requests;
import io.mktsync.sender.SyncClient.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * On the PostgreSQL server configuration, the plugin's durable record is really in PostgreSQL:
 * after a request, its object's attempt is there, DONE with the status the reply carried.
 */
class PostgreSqlStoreIT extends MktsyncIT {

    @Test
    void theAttemptOfARequestIsInPostgreSql() throws Exception {
        assumeTrue(PostgreSqlForTests.inUse(), "MktsyncDS is in PostgreSQL only in the failsafe execution postgresql");

        Reply reply = request(Requests.opportunity("INSERT", "PG-1", "In PostgreSQL"));

        assertEquals("SUCCEEDED", reply.outcome());
        try (Connection c = DriverManager.getConnection(PostgreSqlForTests.url(), "postgres", "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT OBJECT_INDEX, STATE, STATUS FROM MKTSYNC_OBJECT_ATTEMPT WHERE REQUEST_ID = ?")) {
            s.setString(1, reply.correlationId());
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "no attempt of " + reply.correlationId() + " in " + PostgreSqlForTests.url());
                assertEquals(0, r.getInt(1));
                assertEquals("DONE", r.getString(2));
                assertTrue(r.getString(3).contains("CREATED"), r.getString(3));
            }
        }
    }
}
