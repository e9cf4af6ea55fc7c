package io.mktsync.it.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A real PostgreSQL for the failsafe execution that runs on it ({@code mktsync.db=postgresql}):
 * started before the first test class, so before Arquillian starts WildFly, which finds it at
 * {@code mktsync.db.port} (arquillian.xml); stopped after the last, once WildFly has stopped.
 * Every other execution starts none.
 */
public class PostgreSqlForTests implements LauncherSessionListener {

    public static final String DATABASE = "mktsync";

    private EmbeddedPostgres postgres;

    /** Whether this run keeps MktsyncDS in PostgreSQL (the failsafe execution "postgresql"). */
    public static boolean inUse() {
        return "postgresql".equals(System.getProperty("mktsync.db"));
    }

    /** The JDBC URL of the database the plugin uses in this run. */
    public static String url() {
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty("mktsync.db.port") + "/" + DATABASE;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!inUse()) {
            return;
        }
        try {
            // No fsync: the database is thrown away after the run; durability across a WildFly crash
            // (the chaos test) does not need the disk, only the PostgreSQL server, which keeps running.
            postgres = EmbeddedPostgres.builder().setPort(0).setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off").start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
        System.setProperty("mktsync.db.port", String.valueOf(postgres.getPort()));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
