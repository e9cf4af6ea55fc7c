package io.mktsync.jms;

import jakarta.jms.Destination;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;

/**
 * A JMSReplyTo kept as text in the store (Artemis's own form, {@code queue://address} or
 * {@code topic://address}), so that the reply can be sent after a restart. The broker address is
 * kept, not the name a client used, so that name prefixes cannot send it elsewhere. A temporary queue
 * is kept as a plain queue of its address: the broker still routes to it while its requester is
 * connected, and refuses a send once it is gone (which the publisher then reports).
 */
final class ReplyAddress {

    private ReplyAddress() {
    }

    /** The address as text, or null for a destination that is not Artemis's. */
    static String of(Destination destination) {
        if (destination instanceof ActiveMQDestination d) {
            return (d.isQueue() ? ActiveMQDestination.QUEUE_QUALIFIED_PREFIX : ActiveMQDestination.TOPIC_QUALIFIED_PREFIX)
                    + d.getAddress();
        }
        return null;
    }

    static Destination resolve(String address) {
        return ActiveMQDestination.fromPrefixedName(address);
    }
}
