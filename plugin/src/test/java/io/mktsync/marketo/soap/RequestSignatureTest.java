package io.mktsync.marketo.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final String USER = "simuser1_0123456789ABCDEF012345";
    private static final String KEY = "sim-secret-0001";

    @Test
    void matchesTheReferenceVectors() {
        assertEquals("727bc8490f082cfb06a5c8ed2dbae1c57daea729",
                RequestSignature.sign("2024-01-15T09:30:00-08:00", USER, KEY));
        assertEquals("48e2135e1361fd645521ff893abb00e9ac9721c0",
                RequestSignature.sign("2024-01-15T17:30:00+00:00", USER, KEY));
    }

    @Test
    void timestampIsW3cWithNumericOffsetAndWholeSeconds() {
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 15, 9, 30, 0, 123_000_000, ZoneOffset.ofHours(-8));
        assertEquals("2024-01-15T09:30:00-08:00", RequestSignature.timestamp(t));
        assertEquals("2024-01-15T17:30:00+00:00", RequestSignature.timestamp(t.withZoneSameInstant(ZoneOffset.UTC)));
    }
}
