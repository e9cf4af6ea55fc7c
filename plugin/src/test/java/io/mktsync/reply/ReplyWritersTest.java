package io.mktsync.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.request.Attrib;
import io.mktsync.request.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyWritersTest {

    private final SyncReply partial = SyncReply.of(List.of(
            new ObjectStatus(SyncStatus.CREATED, 41, new Attrib("ext", "O<1>"), null),
            new ObjectStatus(SyncStatus.FAILED, null, null, "20110 - Input error")));

    @Test
    void outcomeFollowsTheStatuses() {
        assertEquals(Outcome.PARTIAL, partial.outcome());
        assertEquals(Outcome.SUCCEEDED, SyncReply.of(List.of(new ObjectStatus(SyncStatus.SKIPPED, 1, null, null))).outcome());
        assertEquals(Outcome.FAILED, SyncReply.of(List.of(new ObjectStatus(SyncStatus.FAILED, 1, null, "x"))).outcome());
    }

    @Test
    void aGivenUpRequestIsFailedUnlessEarlierDeliveriesAppliedSomeOfIt() {
        assertEquals(Outcome.PARTIAL, SyncReply.givenUp(partial.statuses()).outcome());
        assertEquals(Outcome.FAILED, SyncReply.givenUp(List.of(new ObjectStatus(SyncStatus.FAILED, 1, null, "x"))).outcome());
        assertEquals(Outcome.FAILED, SyncReply.givenUp(List.of()).outcome(), "nothing could even be read");
    }

    @Test
    void xmlUsesMarketosResponseShape() {
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ns1:successSyncMObjects xmlns:ns1="http://www.marketo.com/mktows/" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><result><mObjStatusList>\
                <mObjStatus><id>41</id><externalKey><name>ext</name><value>O&lt;1&gt;</value></externalKey>\
                <status>CREATED</status></mObjStatus>\
                <mObjStatus><id xsi:nil="true"/><status>FAILED</status><error>20110 - Input error</error></mObjStatus>\
                </mObjStatusList></result></ns1:successSyncMObjects>""", new XmlReplyWriter().write(partial));
    }

    @Test
    void jsonStatusesReadBackAsWritten() {
        assertEquals(partial.statuses(), new JsonReplyReader().statuses(new JsonReplyWriter().write(partial)));
    }

    @Test
    void jsonCarriesStatusesOrProblems() {
        assertEquals("{\"outcome\":\"PARTIAL\",\"statuses\":["
                + "{\"status\":\"CREATED\",\"id\":41,\"externalKey\":{\"name\":\"ext\",\"value\":\"O<1>\"},\"error\":null},"
                + "{\"status\":\"FAILED\",\"id\":null,\"externalKey\":null,\"error\":\"20110 - Input error\"}]}",
                new JsonReplyWriter().write(partial));
        assertEquals("{\"outcome\":\"REJECTED\",\"problems\":[{\"object\":2,\"field\":\"Cost.Month\",\"message\":\"is missing\"}]}",
                new JsonReplyWriter().write(SyncReply.rejected(List.of(new Problem(2, "Cost.Month", "is missing")))));
    }
}
