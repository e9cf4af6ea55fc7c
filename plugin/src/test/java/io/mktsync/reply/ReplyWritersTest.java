package io.mktsync.reply;

import static io.mktsync.reply.ReplySchemas.assertValidJson;
import static io.mktsync.reply.ReplySchemas.assertValidXml;
import static io.mktsync.reply.ReplySchemas.xmlProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.request.Attrib;
import io.mktsync.request.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyWritersTest {

    private final SyncReply partial = SyncReply.of(List.of(
            new ObjectStatus(SyncStatus.CREATED, 41, new Attrib("ext", "O<1>"), null),
            new ObjectStatus(SyncStatus.FAILED, null, null, "20110 - Input error")));

    /** What the REST backend answers: Opportunities identified by marketoGUID, with no integer id. */
    private final SyncReply viaRest = SyncReply.of(List.of(
            new ObjectStatus(SyncStatus.CREATED, null, new Attrib("externalOpportunityId", "OPP-1"), null,
                    "8d4d80e8-9692-345c-8e4a-bc12e9fba5d1"),
            new ObjectStatus(SyncStatus.FAILED, null, null, "send an externalKey"),
            new ObjectStatus(SyncStatus.UPDATED, 1970, null, null)));

    private final SyncReply rejected = SyncReply.rejected(List.of(
            new Problem(0, null, "not well-formed <xml> & \"quoted\""), new Problem(2, "Cost.Month", "is missing")));

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
                <ns1:successSyncMObjects xmlns:ns1="http://www.marketo.com/mktows/"><result><mObjStatusList>\
                <mObjStatus><id>41</id><externalKey><name>ext</name><value>O&lt;1&gt;</value></externalKey>\
                <status>CREATED</status></mObjStatus>\
                <mObjStatus><id>0</id><status>FAILED</status><error>20110 - Input error</error></mObjStatus>\
                </mObjStatusList></result></ns1:successSyncMObjects>""", new XmlReplyWriter().write(partial));
    }

    @Test
    void xmlStatusesAreValidAgainstMarketosStrictestSchema() {
        assertValidXml(new XmlReplyWriter().write(partial));
        assertValidXml(new XmlReplyWriter().write(viaRest));
        assertValidXml(new XmlReplyWriter().write(SyncReply.of(List.of())));
    }

    @Test
    void theMarketoGuidTravelsBesideTheXmlInStatusOrder() {
        String xml = new XmlReplyWriter().write(viaRest);

        assertFalse(xml.contains("marketoGUID"), xml);
        assertTrue(xml.contains("<mObjStatus><id>0</id><externalKey>"), "no integer id in REST: 0, as 2_2 allows");
        assertEquals("8d4d80e8-9692-345c-8e4a-bc12e9fba5d1,,", viaRest.marketoGuids());
        assertNull(partial.marketoGuids(), "no property when no status has one");
    }

    @Test
    void theSchemaRefusesWhatMarketos22SchemaDoesNotAllow() {
        String nilId = "<ns1:successSyncMObjects xmlns:ns1=\"http://www.marketo.com/mktows/\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><result><mObjStatusList>"
                + "<mObjStatus><id xsi:nil=\"true\"/><status>FAILED</status></mObjStatus></mObjStatusList></result></ns1:successSyncMObjects>";
        String guidInside = "<ns1:successSyncMObjects xmlns:ns1=\"http://www.marketo.com/mktows/\"><result><mObjStatusList>"
                + "<mObjStatus><id>0</id><status>CREATED</status><marketoGUID>g</marketoGUID></mObjStatus>"
                + "</mObjStatusList></result></ns1:successSyncMObjects>";

        assertTrue(xmlProblem(nilId).contains("nil"), xmlProblem(nilId));
        assertTrue(xmlProblem(guidInside).contains("marketoGUID"), xmlProblem(guidInside));
    }

    @Test
    void xmlRejectionIsValidAgainstItsSchema() {
        String xml = new XmlReplyWriter().write(rejected);

        assertValidXml(xml);
        assertTrue(xml.contains("<problem object=\"0\">not well-formed &lt;xml&gt; &amp; &quot;quoted&quot;</problem>"), xml);
    }

    @Test
    void jsonRepliesAreValidAgainstTheirSchema() {
        assertValidJson(new JsonReplyWriter().write(partial));
        assertValidJson(new JsonReplyWriter().write(viaRest));
        assertValidJson(new JsonReplyWriter().write(rejected));
        assertFalse(ReplySchemas.jsonProblems("{\"outcome\":\"SUCCEEDED\",\"statuses\":[{\"status\":\"CREATED\",\"id\":1}]}").isEmpty(),
                "a status without externalKey and error is not the published form");
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
