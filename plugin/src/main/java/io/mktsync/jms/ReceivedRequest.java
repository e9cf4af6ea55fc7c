package io.mktsync.jms;

import io.mktsync.request.BodyFormat;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.SyncRequest;
import jakarta.jms.Message;

/**
 * One request message of a delivery batch as read: its request, or why it was rejected, or the
 * unexpected failure that kept it from being read (which fails this message's delivery alone).
 *
 * @param id the request's identity across postponements ({@link MessageForwarder#requestId})
 */
public record ReceivedRequest(Message message, String id, BodyFormat format, SyncRequest request,
                              RequestRejectedException rejection, RuntimeException unreadable) {
}
