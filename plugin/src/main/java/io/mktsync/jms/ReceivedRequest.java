package io.mktsync.jms;

import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.SyncRequest;
import jakarta.jms.Message;

/**
 * One request message as read: its request, or why it was rejected, or the unexpected failure that
 * kept it from being read (which fails this message alone).
 */
public record ReceivedRequest(Message message, RequestEnvelope envelope, SyncRequest request,
                              RequestRejectedException rejection, RuntimeException unreadable) {

    ReceivedRequest with(RequestEnvelope traced) {
        return new ReceivedRequest(message, traced, request, rejection, unreadable);
    }
}
