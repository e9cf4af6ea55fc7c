package io.mktsync.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * What the plugin carries on its own copies of a request, as {@code mktsync_*} properties: the
 * request's identity (the id of the message its producer sent, which the attempt log and the reply's
 * correlation go by), the deliveries that failed before, how often it waited and why. It is read only
 * from copies the plugin sealed ({@link CopySeal}); on what a producer sends, such properties are
 * ignored, and stripped from every copy the plugin makes.
 */
public record Bookkeeping(String requestId, int failedDeliveries, int postponements, WaitReason waitedFor) {

    static final String PREFIX = "mktsync_";
    static final String ORIGINAL_MESSAGE_ID = "mktsync_originalMessageId";
    static final String FAILED_DELIVERIES = "mktsync_failedDeliveries";
    static final String POSTPONEMENTS = "mktsync_postponements";
    static final String WAIT_REASON = "mktsync_waitReason";
    static final String SEAL = "mktsync_seal";

    /** A message as its producer sent it: its own identity, nothing failed, never waited. */
    static Bookkeeping of(Message producerMessage) throws JMSException {
        return new Bookkeeping(producerMessage.getJMSMessageID(), 0, 0, null);
    }

    /** The bookkeeping of a copy the plugin sealed, or else of a message as its producer sent it. */
    static Bookkeeping read(Message message, String body, CopySeal seal) throws JMSException {
        if (!message.propertyExists(SEAL) || !message.propertyExists(ORIGINAL_MESSAGE_ID)) {
            return of(message);
        }
        try {
            String reason = message.getStringProperty(WAIT_REASON);
            Bookkeeping copy = new Bookkeeping(message.getStringProperty(ORIGINAL_MESSAGE_ID),
                    message.getIntProperty(FAILED_DELIVERIES), message.getIntProperty(POSTPONEMENTS),
                    reason == null ? null : WaitReason.valueOf(reason));
            return seal.verify(copy.canonical(), body, message.getStringProperty(SEAL)) ? copy : of(message);
        } catch (NumberFormatException | jakarta.jms.MessageFormatException notOurs) {
            return of(message);
        }
    }

    /** The deliveries that failed before the current one: carried ones, plus this message's own redeliveries. */
    int failedBefore(Message message) throws JMSException {
        return failedDeliveries + message.getIntProperty("JMSXDeliveryCount") - 1;
    }

    Bookkeeping postponed(WaitReason why, int failedBefore, boolean failed) {
        return new Bookkeeping(requestId, failedBefore + (failed ? 1 : 0), postponements + 1, why);
    }

    /** Replayed from the dead-letter queue, a request starts with fresh delivery attempts. */
    Bookkeeping deadLettered() {
        return new Bookkeeping(requestId, 0, postponements, waitedFor);
    }

    void writeSealed(Message message, String body, CopySeal seal) throws JMSException {
        message.setStringProperty(ORIGINAL_MESSAGE_ID, requestId);
        message.setIntProperty(FAILED_DELIVERIES, failedDeliveries);
        message.setIntProperty(POSTPONEMENTS, postponements);
        if (waitedFor != null) {
            message.setStringProperty(WAIT_REASON, waitedFor.name());
        }
        message.setStringProperty(SEAL, seal.seal(canonical(), body));
    }

    private String canonical() {
        return requestId + '\n' + failedDeliveries + '\n' + postponements + '\n' + (waitedFor == null ? "" : waitedFor.name());
    }
}
