package io.mktsync.marketo.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * OAuth 2.0 access tokens of Marketo's Identity service, cached per client id and shared by every
 * call. Marketo answers with the <em>same</em> token and its remaining lifetime until that token
 * expires, so a token is renewed {@code margin} before its expiry once, and if Identity hands the same
 * one back it is used until it expires, without asking again: there is no refresh loop. A token
 * Marketo calls invalid or expired (601, 602) is dropped so that the next call fetches a new one.
 */
final class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());
    /** Identity answers {@code expires_in: 0} at the very end of a token's life; ask again shortly. */
    private static final long END_OF_LIFE_PAUSE_MS = 1000;
    private static final int END_OF_LIFE_ASKS = 3;

    /** What Identity granted: the token and its remaining lifetime in seconds. */
    record Grant(String accessToken, long expiresInS) {
    }

    /** One request to Identity; throws a MarketoException when it refuses or cannot be reached. */
    interface Identity {
        Grant request();
    }

    private record Token(String value, Instant expiresAt, Instant renewAt) {
    }

    private final Map<String, Token> byClientId = new ConcurrentHashMap<>();
    private final Identity identity;
    private final Clock clock;
    private final long marginS;
    private int granted;

    AccessTokens(Identity identity, Clock clock, long marginS) {
        this.identity = identity;
        this.clock = clock;
        this.marginS = marginS;
    }

    /** A token for this client id, from the cache or, when due, from Identity. */
    String token(String clientId) {
        Token cached = byClientId.get(clientId);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.value();
        }
        synchronized (this) {
            Token current = byClientId.get(clientId);
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.value();
            }
            Token fresh = ask(current);
            byClientId.put(clientId, fresh);
            return fresh.value();
        }
    }

    /** Marketo refused this token (601, 602): the next {@link #token} asks Identity. */
    synchronized void refused(String clientId, String token) {
        byClientId.computeIfPresent(clientId, (id, t) -> t.value().equals(token) ? null : t);
    }

    /** How many distinct tokens Identity granted. */
    synchronized int granted() {
        return granted;
    }

    private Token ask(Token previous) {
        Grant grant = identity.request();
        for (int i = 1; i < END_OF_LIFE_ASKS && grant.expiresInS() <= 0; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(END_OF_LIFE_PAUSE_MS));
            grant = identity.request();
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plusSeconds(Math.max(0, grant.expiresInS()));
        boolean same = previous != null && previous.value().equals(grant.accessToken());
        if (!same) {
            granted++;
            LOG.info("Marketo REST access token granted, valid for " + grant.expiresInS() + " s");
        }
        // The same token again means Identity will not renew it before it expires: keep it until then.
        Instant renewAt = same ? expiresAt : expiresAt.minusSeconds(Math.min(marginS, grant.expiresInS() / 2));
        return new Token(grant.accessToken(), expiresAt, renewAt);
    }
}
