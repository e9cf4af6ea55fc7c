package io.mktsync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations in db/migration, as StoreSchema applies them, on the H2 MktsyncDS uses and on PostgreSQL. */
class StoreSchemaTest {

    /** Far beyond any VARCHAR limit: a reply status with a long Marketo error text. */
    private static final String LONG_STATUS = "x".repeat(40_000);

    private static DataSource h2(String name) {
        return h2File("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    private static DataSource h2File(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        h2.setPassword("sa");
        return h2;
    }

    @Test
    void anEmptyH2GetsBothTablesAndKeepsALongStatus() throws SQLException {
        DataSource h2 = h2("empty");

        assertEquals("5", StoreSchema.migrate(h2));
        assertStoreWorks(h2);
        assertEquals("5", StoreSchema.migrate(h2), "a redeployment finds the schema up to date");
    }

    @Test
    void anH2FromBeforeFlywayKeepsItsRowsAndGetsAHistory() throws SQLException {
        DataSource h2 = h2("earlier");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            // What earlier versions created on first use.
            s.execute("CREATE TABLE MKTSYNC_OBJECT_ATTEMPT (REQUEST_ID VARCHAR(200) NOT NULL, OBJECT_INDEX INT NOT NULL, "
                    + "STATE VARCHAR(8) NOT NULL, STATUS CLOB, UPDATED_AT TIMESTAMP NOT NULL, PRIMARY KEY (REQUEST_ID, OBJECT_INDEX))");
            s.execute("CREATE TABLE MKTSYNC_SEAL_KEY (ID INT NOT NULL PRIMARY KEY, SECRET VARCHAR(64) NOT NULL)");
            s.execute("INSERT INTO MKTSYNC_OBJECT_ATTEMPT VALUES ('r-old', 0, 'SENT', NULL, CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO MKTSYNC_SEAL_KEY VALUES (1, 'old-key')");
        }

        assertEquals("5", StoreSchema.migrate(h2));

        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("r-old"), column(s, "SELECT REQUEST_ID FROM MKTSYNC_OBJECT_ATTEMPT"));
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), column(s, "SELECT \"version\" FROM \"flyway_schema_history\""
                    + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""), "baselined at 0, then V1 to V5");
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT SECRET FROM MKTSYNC_SEAL_KEY"), "the seal key is gone");
        }
    }

    /**
     * The chaos test's plugin node file as kill -9 left it (H2 2.2.224, V1 applied, 1000 attempts).
     * The next start migrates and stops gracefully; the one after must open the file. RETENTION_TIME
     * stands for "seconds after the kill": the chunks the killed server had just replaced were still
     * retained. H2 2.2.224 (WildFly's module) reused their space at once but left them in the file's
     * chunk list, so the third start failed with "Double mark" (H2 issue #2752).
     */
    @Test
    void anH2FileLeftByKillDash9OpensAfterTheNextStartAndStop(@TempDir Path dir) throws IOException, SQLException {
        try (InputStream killed = new GZIPInputStream(StoreSchemaTest.class.getResourceAsStream("/store/killed-node.mv.db.gz"))) {
            Files.copy(killed, dir.resolve("attempts.mv.db"));
        }
        String url = "jdbc:h2:" + dir.resolve("attempts") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

        DataSource restarted = h2File(url + ";RETENTION_TIME=3600000");
        try (Connection pooled = restarted.getConnection()) {
            // The pool holds the database open while StoreSchema migrates; its close is the graceful stop.
            assertEquals("5", StoreSchema.migrate(restarted));
        }

        try (Connection c = h2File(url).getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("1000"), column(s, "SELECT COUNT(*) FROM MKTSYNC_OBJECT_ATTEMPT"));
        }
    }

    @Test
    void postgresqlGetsTheSameTables() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            DataSource db = postgres.getPostgresDatabase();

            assertEquals("5", StoreSchema.migrate(db));
            assertStoreWorks(db);
        }
    }

    /** The statements of AttemptLog, on the migrated tables (RequestStoreTest has the request tables'). */
    private static void assertStoreWorks(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO MKTSYNC_OBJECT_ATTEMPT (REQUEST_ID, OBJECT_INDEX, STATE, STATUS, UPDATED_AT) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, "r-1");
                insert.setInt(2, 0);
                insert.setString(3, "DONE");
                insert.setString(4, LONG_STATUS);
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT REQUEST_ID, OBJECT_INDEX, STATE, STATUS, UPDATED_AT FROM MKTSYNC_OBJECT_ATTEMPT WHERE REQUEST_ID IN (?)")) {
                select.setString(1, "r-1");
                try (ResultSet r = select.executeQuery()) {
                    assertTrue(r.next());
                    assertEquals("DONE", r.getString(3));
                    assertEquals(LONG_STATUS, r.getString(4));
                    assertFalse(r.next());
                }
            }
        }
    }

    private static List<String> column(Statement s, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
