package io.mktsync.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.util.List;

/** The queues mktsync keeps requests in: where they arrive, where rejected ones and dead letters wait. */
@ApplicationScoped
public class OwnQueues {

    @Resource(lookup = "java:/jms/queue/SyncRequests")
    Queue requests;

    @Resource(lookup = "java:/jms/queue/SyncRequestsParked")
    Queue parked;

    @Resource(lookup = "java:/jms/queue/DLQ")
    Queue deadLetters;

    Queue parked() {
        return parked;
    }

    Queue deadLetters() {
        return deadLetters;
    }

    /** Whether a destination a client named is one of these, whichever way it wrote the name. */
    boolean contains(Destination destination) throws JMSException {
        if (!(destination instanceof Queue q) || destination instanceof TemporaryQueue) {
            return false;
        }
        String name = bare(q.getQueueName());
        for (Queue own : List.of(requests, parked, deadLetters)) {
            if (name.equals(bare(own.getQueueName()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A queue's name as the broker resolves it: with or without the 1.x prefix {@code jms.queue.}, or
     * fully qualified as {@code address::queue}.
     */
    private static String bare(String name) {
        String queue = name.contains("::") ? name.substring(name.indexOf("::") + 2) : name;
        return queue.startsWith("jms.queue.") ? queue.substring("jms.queue.".length()) : queue;
    }
}
