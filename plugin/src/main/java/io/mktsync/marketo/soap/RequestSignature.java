package io.mktsync.marketo.soap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Marketo's request signature: lowercase hex HMAC-SHA1 of {@code requestTimestamp + userId}, keyed
 * with the encryption key. The timestamp is W3C with a numeric offset and whole seconds, the only
 * form seen accepted.
 */
public final class RequestSignature {

    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private RequestSignature() {
    }

    public static String timestamp(ZonedDateTime time) {
        return W3C.format(time);
    }

    public static String sign(String requestTimestamp, String userId, String encryptionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(encryptionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal((requestTimestamp + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
