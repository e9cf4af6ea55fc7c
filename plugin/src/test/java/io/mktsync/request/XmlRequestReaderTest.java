package io.mktsync.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class XmlRequestReaderTest {

    private final XmlRequestReader reader = new XmlRequestReader();

    @Test
    void readsMarketosProgramCostExampleInsideItsEnvelope() throws Exception {
        SyncRequest request = reader.read(Examples.read("program-cost-update.xml"));
        assertEquals(SyncOperation.UPDATE, request.operation());
        MObject program = request.objects().get(0);
        assertEquals("Program", program.type());
        assertEquals(1970, program.id());
        TypeAttrib cost = program.typeAttributes().get(0);
        assertEquals("Cost", cost.attrType());
        assertEquals("2013-06", cost.value("Month").orElseThrow());
        assertEquals("2000", cost.value("Amount").orElseThrow());
        assertEquals("153", cost.value("Id").orElseThrow());
    }

    @Test
    void readsBareOpportunityAndRoleExamples() throws Exception {
        MObject opportunity = reader.read(Examples.read("opportunity-insert.xml")).objects().get(0);
        assertEquals("Opportunity", opportunity.type());
        assertNull(opportunity.id());
        assertEquals("80%", opportunity.attribute("Probability").orElseThrow());

        MObject role = reader.read(Examples.read("opportunity-person-role-insert.xml")).objects().get(0);
        assertEquals("64", role.attribute("OpportunityId").orElseThrow());
        assertEquals("Influencer/Champion", role.attribute("Role").orElseThrow());
    }

    @Test
    void readsKeysAndAssociations() throws Exception {
        SyncRequest request = reader.read("""
                <m:paramsSyncMObjects xmlns:m="http://www.marketo.com/mktows/"><mObjectList><mObject>
                  <type>Opportunity</type>
                  <externalKey><name>extOpportunityId</name><value>OPP-9001</value></externalKey>
                  <associationList><mObjAssociation><mObjType>Company</mObjType>
                    <externalKey><name>companyExtId</name><value>C-77</value></externalKey></mObjAssociation></associationList>
                </mObject></mObjectList><operation>UPSERT</operation></m:paramsSyncMObjects>""");
        MObject o = request.objects().get(0);
        assertEquals(new Attrib("extOpportunityId", "OPP-9001"), o.externalKey());
        assertEquals(new Attrib("companyExtId", "C-77"), o.association("Company").orElseThrow().externalKey());
    }

    @Test
    void rejectsExternalEntitiesWithoutResolvingThem() {
        RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> reader.read("""
                <?xml version="1.0"?>
                <!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <m:paramsSyncMObjects xmlns:m="http://www.marketo.com/mktows/"><mObjectList><mObject>
                <type>&xxe;</type></mObject></mObjectList><operation>INSERT</operation></m:paramsSyncMObjects>"""));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(!e.getMessage().contains("root:"), "entity must not be resolved");
    }

    @Test
    void rejectsEntityExpansion() {
        StringBuilder doc = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        doc.append("]><lolz>&lol9;</lolz>");
        assertThrows(RequestRejectedException.class, () -> reader.read(doc.toString()));
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        assertThrows(RequestRejectedException.class, () -> reader.read(deep));
    }

    @Test
    void namesTheProblemForMalformedXmlWrongNamespaceAndBadFields() {
        assertTrue(assertThrows(RequestRejectedException.class, () -> reader.read("<m:paramsSyncMObjects"))
                .getMessage().contains("not well-formed"));
        assertTrue(assertThrows(RequestRejectedException.class,
                () -> reader.read("<paramsSyncMObjects xmlns=\"urn:other\"/>"))
                .getMessage().contains("{urn:other}paramsSyncMObjects"));
        RequestRejectedException bad = assertThrows(RequestRejectedException.class, () -> reader.read("""
                <m:paramsSyncMObjects xmlns:m="http://www.marketo.com/mktows/"><mObjectList>
                <mObject><type>Program</type><id>1</id></mObject><mObject><type>Program</type><id>x1</id></mObject>
                </mObjectList><operation>DELETE</operation></m:paramsSyncMObjects>"""));
        assertEquals(2, bad.problems().size(), bad.getMessage());
        assertEquals(new Problem(2, "id", "must be a positive integer id of ASCII digits, was 'x1'"), bad.problems().get(0));
        assertEquals("operation", bad.problems().get(1).field());
    }

    private static final String OPEN = "<m:paramsSyncMObjects xmlns:m=\"http://www.marketo.com/mktows/\">";
    private static final String CLOSE = "</m:paramsSyncMObjects>";

    private static String objects(String mObjects) {
        return OPEN + "<mObjectList>" + mObjects + "</mObjectList><operation>UPSERT</operation>" + CLOSE;
    }

    private static final String OPPORTUNITY = "<mObject><type>Opportunity</type>"
            + "<externalKey><name>ext</name><value>O-1</value></externalKey></mObject>";

    private List<Problem> problems(String xml) {
        return assertThrows(RequestRejectedException.class, () -> reader.read(xml)).problems();
    }

    @Test
    void anElementGivenTwiceIsNamedNotResolved() {
        assertEquals(List.of(new Problem(0, "operation", "appears more than once in paramsSyncMObjects; give it once")),
                problems(OPEN + "<mObjectList>" + OPPORTUNITY + "</mObjectList><operation>INSERT</operation>"
                        + "<operation>UPDATE</operation>" + CLOSE));
        assertEquals(List.of(new Problem(0, "mObjectList", "appears more than once in paramsSyncMObjects; give it once")),
                problems(OPEN + "<mObjectList>" + OPPORTUNITY + "</mObjectList><mObjectList>" + OPPORTUNITY
                        + "</mObjectList><operation>INSERT</operation>" + CLOSE));
        assertEquals(List.of(new Problem(1, "id", "appears more than once in mObject; give it once")),
                problems(objects("<mObject><type>Program</type><id>1</id><id>2</id></mObject>")));
        assertEquals(List.of(new Problem(1, "externalKey", "appears more than once in mObject; give it once")),
                problems(objects("<mObject><type>Opportunity</type><externalKey><name>e</name><value>A</value></externalKey>"
                        + "<externalKey><name>e</name><value>B</value></externalKey></mObject>")));
        assertEquals(List.of(new Problem(1, "attribList/attrib/value", "appears more than once in attrib; give it once")),
                problems(objects("<mObject><type>Opportunity</type><attribList><attrib><name>Name</name>"
                        + "<value>a</value><value>b</value></attrib></attribList></mObject>")));
        assertEquals("mObjAssociationList", problems(objects("<mObject><type>Opportunity</type>"
                + "<associationList/><mObjAssociationList/></mObject>")).get(0).field());
    }

    @Test
    void nothingIsDroppedUnsaid() {
        assertEquals(List.of(new Problem(0, "mObjectList/MObject",
                        "is not an element of mObjectList; it holds mObject elements only")),
                problems(objects(OPPORTUNITY + OPPORTUNITY.replace("mObject>", "MObject>"))));
        assertEquals(List.of(new Problem(1, "attribs",
                        "is not an element of mObject; use type, id, externalKey, attribList, typeAttribList, "
                                + "associationList, mObjAssociationList")),
                problems(objects("<mObject><type>Opportunity</type><attribs/></mObject>")));
        assertEquals(List.of(new Problem(1, "type", "must hold text, not elements")),
                problems(objects("<mObject><type>Oppor<b>tunity</b></type></mObject>")));
    }

    @Test
    void aSoapEnvelopeHasOneBodyWithOneRequest() {
        String envelope = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">%s</e:Envelope>";
        String body = "<e:Body>" + objects(OPPORTUNITY) + "</e:Body>";
        assertEquals("Body", problems(envelope.formatted(body + body)).get(0).field());
        assertEquals("Body", problems(envelope.formatted("<e:Body>" + objects(OPPORTUNITY) + objects(OPPORTUNITY)
                + "</e:Body>")).get(0).field());
    }

    @Test
    void idsAreAsciiDigitsOnly() {
        for (String id : List.of("\u0661\u0669\u0667\u0660", "-5", "+5", "0", "1970&#x660;", "99999999999", "")) {
            assertEquals("id", problems(objects("<mObject><type>Program</type><id>" + id + "</id></mObject>"))
                    .get(0).field(), id);
        }
    }
}
