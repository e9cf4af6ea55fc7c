package io.mktsync.it.operations;

import static io.mktsync.it.Requests.opportunity;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Backlog;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The intake is a message-driven bean the management model knows: {@code stop-delivery} pauses it,
 * and requests then stay on the queue, untouched; {@code start-delivery} resumes it, and every one is
 * answered once.
 */
class StopDeliveryIT extends MktsyncIT {

    static final String MDB = "/deployment=mktsync.war/subsystem=ejb3/message-driven-bean=SyncRequestListener";
    private static final String QUEUE = "/subsystem=messaging-activemq/server=default/jms-queue=SyncRequests";
    private static final Pattern COUNT = Pattern.compile("\"result\" => (\\d+)L?");
    private static final int REQUESTS = 20;

    @AfterEach
    void deliveryOn() {
        Commands.cli(MDB + ":start-delivery");
    }

    private static long onTheQueue() {
        Matcher m = COUNT.matcher(Commands.cli(QUEUE + ":read-attribute(name=message-count)"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    @Test
    void requestsStayOnTheQueueWhileDeliveryIsStoppedAndAreAnsweredOnceAfter() throws Exception {
        assertTrue(Commands.cli(MDB + ":read-attribute(name=delivery-active)").contains("\"result\" => true"));
        Commands.cli(MDB + ":stop-delivery");
        assertTrue(Commands.cli(MDB + ":read-attribute(name=delivery-active)").contains("\"result\" => false"));

        List<String> ids = client.sendAll(IntStream.range(0, REQUESTS)
                .mapToObj(i -> opportunity("UPSERT", "PAUSED-" + i, "Paused " + i)).toList());

        assertEquals(REQUESTS, onTheQueue(), "left on the queue");
        assertEquals(0, Backlog.waiting());
        assertTrue(Simulator.calls().isEmpty(), "nothing sent to Marketo");

        Commands.cli(MDB + ":start-delivery");
        List<Reply> replies = replies(ids);

        replies.forEach(r -> assertEquals("SUCCEEDED", r.outcome(), r.body()));
        await().atMost(Duration.ofSeconds(10)).until(() -> onTheQueue() == 0);
        assertEquals(REQUESTS, Simulator.objectsApplied(), "each applied once");
        for (String id : ids) {
            assertTrue(client.awaitReply(id, Duration.ofMillis(200)).isEmpty(), "one reply to " + id);
        }
    }
}
