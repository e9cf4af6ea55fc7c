package io.mktsync.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * An XML request answered through REST stays readable by a consumer built from Marketo's WSDL:
 * Marketo's 2_2 schema has neither a nil id nor a marketoGUID, so a status without an integer id
 * carries 0 and the marketoGUIDs travel in the {@code mktsync_marketoGUIDs} property, in status order.
 * (Every reply the tests receive is also checked against the published schemas.)
 */
class XmlReplyIT extends MktsyncIT {

    @Test
    void theMarketoGuidsTravelBesideMarketosShapeInStatusOrder() throws Exception {
        Reply reply = request("""
                <ns1:paramsSyncMObjects xmlns:ns1="http://www.marketo.com/mktows/"><mObjectList>
                  <mObject><type>Opportunity</type><id>7</id><attribList><attrib><name>Name</name><value>by id</value></attrib></attribList></mObject>
                  <mObject><type>Opportunity</type><externalKey><name>ext</name><value>OPP-X1</value></externalKey>
                    <attribList><attrib><name>Name</name><value>by key</value></attrib></attribList></mObject>
                </mObjectList><operation>UPSERT</operation></ns1:paramsSyncMObjects>""");

        assertEquals("PARTIAL", reply.outcome(), reply.body());
        assertTrue(reply.body().contains("<mObjStatus><id>7</id><status>FAILED</status>"), reply.body());
        assertTrue(reply.body().contains("<mObjStatus><id>0</id><externalKey><name>ext</name><value>OPP-X1</value>"
                + "</externalKey><status>CREATED</status></mObjStatus>"), reply.body());
        assertFalse(reply.body().contains("<marketoGUID>"), reply.body());
        assertEquals("," + Simulator.opportunities("OPP-X1").get(0).getString("marketoGUID"),
                reply.properties().get("mktsync_marketoGUIDs"));
    }
}
