package io.mktsync.store;

import io.mktsync.jms.RequestEnvelope;
import java.time.Instant;

/**
 * A request waiting in the store: its envelope, when it arrived, and its failed attempts so far
 * (each failed attempt puts off the next one until {@code notBefore}).
 */
public record StoredRequest(long seq, RequestEnvelope envelope, Instant receivedAt, int failedAttempts, Instant notBefore) {
}
