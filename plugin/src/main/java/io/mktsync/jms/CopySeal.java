package io.mktsync.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Tells the plugin's own copies of a request (put back to wait, parked, dead-lettered) from what a
 * producer sent. Both arrive on the same queue and the broker cannot tell them apart, yet the copies
 * carry bookkeeping ({@link Bookkeeping}) that a producer must not be able to write: the request's
 * identity (which the attempt log answers from), its failed deliveries, why it waited. The plugin
 * seals that bookkeeping, with the body it belongs to, by an HMAC under a key kept in its database
 * (so every node and every restart share it); unsealed or wrongly sealed bookkeeping is ignored.
 */
@ApplicationScoped
public class CopySeal {

    private static final String TABLE = "MKTSYNC_SEAL_KEY";
    private static final String ALGORITHM = "HmacSHA256";

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    private volatile SecretKeySpec key;

    /** The seal of this bookkeeping on this body. */
    public String seal(String canonicalBookkeeping, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            mac.update(canonicalBookkeeping.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a request copy", e);
        }
    }

    public boolean verify(String canonicalBookkeeping, String body, String seal) {
        return seal != null && MessageDigest.isEqual(
                seal(canonicalBookkeeping, body).getBytes(StandardCharsets.UTF_8),
                seal.getBytes(StandardCharsets.UTF_8));
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(Base64.getDecoder().decode(storedKey(2)), ALGORITHM);
            key = k;
        }
        return k;
    }

    private String storedKey(int tries) {
        try {
            return readOrMakeKey();
        } catch (SQLException e) {
            if (tries > 1) {
                return storedKey(tries - 1);
            }
            throw new IllegalStateException("the seal key of request copies cannot be read from MktsyncDS", e);
        }
    }

    /**
     * The key every node uses, made by whichever needs it first; each statement commits on its own
     * (no transaction is open on the intake's thread), and a node that loses the race to insert it
     * reads the winner's on its second try.
     */
    private String readOrMakeKey() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String existing = read(c);
            if (existing != null) {
                return existing;
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String encoded = Base64.getEncoder().encodeToString(fresh);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (ID, SECRET) VALUES (1, ?)")) {
                insert.setString(1, encoded);
                insert.executeUpdate();
            }
            return encoded;
        }
    }

    private static String read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT SECRET FROM " + TABLE + " WHERE ID = 1")) {
            return r.next() ? r.getString(1) : null;
        }
    }
}
