package io.mktsync.it.hostile;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.sender.SyncClient.Reply;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A request that breaks its own handling (here an attribute without a name, which once got no reply
 * at all and stalled the queue) stays with itself: it is answered and parked, and the thousand
 * requests delivered around it are each answered on their first attempt, none dead-lettered.
 */
class PoisonRequestIT extends MktsyncIT {

    private static final String POISON = """
            <ns1:paramsSyncMObjects xmlns:ns1="http://www.marketo.com/mktows/">
              <mObjectList><mObject><type>Opportunity</type>
                <externalKey><name>extOpportunityId</name><value>POISON-0</value></externalKey>
                <attribList><attrib><value>a value without a name</value></attrib></attribList>
              </mObject></mObjectList>
              <operation>INSERT</operation>
            </ns1:paramsSyncMObjects>""";

    @Test
    void onePoisonRequestInABurstOfAThousandTouchesNoneOfTheOthers() throws Exception {
        List<String> bodies = new ArrayList<>(IntStream.range(0, 1000)
                .mapToObj(i -> opportunity("INSERT", "BURST-" + i, "Burst " + i)).toList());
        bodies.add(500, POISON);

        List<String> ids = client.sendAll(bodies);
        List<Reply> replies = replies(ids);

        Reply poison = replies.remove(500);
        String poisonId = ids.remove(500);
        assertNotEquals("SUCCEEDED", poison.outcome(), poison.body());
        assertEquals(1, Jms.forwardedFrom("SyncRequestsParked", poisonId).size(), "the poison request is parked");
        for (int i = 0; i < replies.size(); i++) {
            Reply reply = replies.get(i);
            assertEquals("SUCCEEDED", reply.outcome(), reply.body());
            assertEquals(1, reply.properties().get("mktsync_attempts"), "answered on its first attempt");
        }
        for (Message dead : Jms.browse("DLQ", null)) {
            assertFalse(ids.contains(dead.getStringProperty("mktsync_requestId")), "dead-lettered");
        }
        assertTrue(Plugin.ready(), "readiness stays UP");
    }
}
