package io.mktsync.simulator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one API user of the simulated instance and its signature check: 20014 for an unknown user or
 * a signature that does not match, 20016 for a timestamp outside the accepted window.
 */
@ApplicationScoped
public class Credentials {

    static final String DEFAULT_USER_ID = "mktsync_sim_0123456789ABCDEF";
    static final String DEFAULT_ENCRYPTION_KEY = "mktsync-simulator-secret";
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private volatile String userId;
    private volatile String encryptionKey;
    private volatile Duration window;

    @PostConstruct
    public void reset() {
        userId = System.getProperty("mktsync.simulator.user-id", DEFAULT_USER_ID);
        encryptionKey = System.getProperty("mktsync.simulator.encryption-key", DEFAULT_ENCRYPTION_KEY);
        window = DEFAULT_WINDOW;
    }

    public void set(String userId, String encryptionKey) {
        this.userId = userId;
        this.encryptionKey = encryptionKey;
    }

    public void window(Duration window) {
        this.window = window;
    }

    public void check(SoapMessages.Request request) throws MarketoFault {
        if (request.userId() == null || request.signature() == null || request.timestamp() == null) {
            throw MarketoFault.of(20014);
        }
        String expected = sign(request.timestamp().trim() + request.userId().trim(), encryptionKey);
        boolean signed = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                request.signature().trim().getBytes(StandardCharsets.US_ASCII));
        if (!userId.equals(request.userId().trim()) || !signed) {
            throw MarketoFault.of(20014);
        }
        OffsetDateTime stamp;
        try {
            stamp = OffsetDateTime.parse(request.timestamp().trim());
        } catch (DateTimeParseException e) {
            throw new MarketoFault(20016, "Request Expired", "Request timestamp is not a W3C date-time");
        }
        Duration age = Duration.between(stamp, OffsetDateTime.now()).abs();
        if (age.compareTo(window) > 0) {
            throw MarketoFault.of(20016);
        }
    }

    static String sign(String data, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
