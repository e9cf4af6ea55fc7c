package io.mktsync.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The JMS entry: consumes the request queue, one transaction per delivery. The reply and any
 * parking or dead-letter copy are sent in that same transaction, so the request is acknowledged
 * exactly when its outcome is published; a crash before that leaves it on the queue.
 *
 * <p>{@code maxSession} stays below Marketo's 10 concurrent calls. {@code transactionTimeout}
 * (seconds) bounds one delivery and matches the broker's own XA transaction timeout (300 s): one
 * call's whole budget fits in it, and a message that needs more calls than fit continues in a new
 * delivery (see {@link SyncRequestHandler} and the README).
 */
@MessageDriven(name = "SyncRequestListener", activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/SyncRequests"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8"),
        @ActivationConfigProperty(propertyName = "transactionTimeout", propertyValue = "300")
})
public class SyncRequestListener implements MessageListener {

    @Inject
    SyncRequestHandler handler;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        try {
            if (handler.handle(message) == SyncRequestHandler.Disposition.REDELIVER) {
                context.setRollbackOnly();
            }
        } catch (JMSException e) {
            throw new JMSRuntimeException("Request could not be answered; it stays on the queue: " + e.getMessage());
        }
    }
}
