package io.mktsync.jms;

import io.mktsync.request.BodyFormat;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.SyncRequest;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * One request message of a delivery batch as read: its request, or why it was rejected, or the
 * unexpected failure that kept it from being read (which fails this message's delivery alone).
 *
 * @param bookkeeping what the plugin knows of it from earlier deliveries (trusted only on its own copies)
 * @param body        its body as text, or "" when it could not be read as text
 */
public record ReceivedRequest(Message message, Bookkeeping bookkeeping, String body, BodyFormat format,
                              SyncRequest request, RequestRejectedException rejection, RuntimeException unreadable) {

    /** The request's identity across postponements: the id of the message its producer sent. */
    public String id() {
        return bookkeeping.requestId();
    }

    /** How many deliveries of this request failed before this one. */
    int failedDeliveriesBefore() throws JMSException {
        return bookkeeping.failedBefore(message);
    }
}
