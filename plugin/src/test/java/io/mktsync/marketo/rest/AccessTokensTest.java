package io.mktsync.marketo.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private Instant now = Instant.parse("2026-11-29T10:00:00Z");
    private final Deque<AccessTokens.Grant> answers = new ArrayDeque<>();
    private int asked;
    private final AccessTokens tokens = new AccessTokens(() -> {
        asked++;
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, 60);

    private void later(long seconds) {
        now = now.plus(Duration.ofSeconds(seconds));
    }

    @Test
    void oneTokenServesEveryCallUntilItIsDue() {
        answers.add(new AccessTokens.Grant("A", 3600));

        for (int i = 0; i < 100; i++) {
            assertEquals("A", tokens.token("client"));
        }
        later(3539);
        assertEquals("A", tokens.token("client"));
        assertEquals(1, asked);
    }

    @Test
    void theSameTokenHandedBackEarlyIsKeptUntilItExpiresWithoutAskingAgain() {
        answers.add(new AccessTokens.Grant("A", 3600));
        answers.add(new AccessTokens.Grant("A", 59));
        answers.add(new AccessTokens.Grant("B", 3600));
        tokens.token("client");

        later(3541); // within the margin: renewal is due, Identity hands back the same token
        assertEquals("A", tokens.token("client"));
        for (int i = 0; i < 50; i++) {
            later(1);
            assertEquals("A", tokens.token("client"));
        }
        assertEquals(2, asked, "no loop while the same token lives");
        later(10); // now it has expired: a new one
        assertEquals("B", tokens.token("client"));
        assertEquals(3, asked);
        assertEquals(2, tokens.granted());
    }

    @Test
    void aRefusedTokenIsReplacedOnTheNextCallOnly() {
        answers.add(new AccessTokens.Grant("A", 3600));
        answers.add(new AccessTokens.Grant("B", 3600));
        tokens.token("client");

        tokens.refused("client", "A");
        assertEquals("B", tokens.token("client"));
        tokens.refused("client", "A"); // a late refusal of the old token changes nothing
        assertEquals("B", tokens.token("client"));
        assertEquals(2, asked);
    }

    @Test
    void tokensAreKeptPerClientId() {
        answers.add(new AccessTokens.Grant("A", 3600));
        tokens.token("one");
        tokens.token("two");
        tokens.token("one");

        assertEquals(2, asked);
    }
}
