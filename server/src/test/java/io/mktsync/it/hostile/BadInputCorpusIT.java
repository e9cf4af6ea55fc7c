package io.mktsync.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Requests;
import io.mktsync.it.Simulator;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile bodies, all at once: each gets exactly one REJECTED reply and a parked
 * copy, no Marketo call is made, no consumer dies, and a good request still goes through after them.
 * Besides bodies that cannot be read: structural gaps, anything said twice, attributes that would
 * override the key, text that would be altered, ids that are not ASCII digits, and names that
 * would become other URL parts or field names.
 */
class BadInputCorpusIT extends MktsyncIT {

    private static final String OPEN = "<ns1:paramsSyncMObjects xmlns:ns1=\"http://www.marketo.com/mktows/\">";
    private static final String XML_KEY = "<externalKey><name>extOpportunityId</name><value>H-1</value></externalKey>";
    private static final String JSON_KEY = "'externalKey':{'name':'extOpportunityId','value':'H-1'}";

    /** A JSON request with single quotes for double ones, so that each case stays one readable line. */
    private static Function<JMSContext, Message> json(String singleQuoted) {
        String body = singleQuoted.replace('\'', '"');
        return jms -> jms.createTextMessage(body);
    }

    private static Function<JMSContext, Message> jsonObject(String operation, String object) {
        return json("{'operation':'" + operation + "','objects':[" + object + "]}");
    }

    private static Function<JMSContext, Message> jsonOpportunity(String attributes) {
        return jsonObject("UPSERT", "{'type':'Opportunity'," + JSON_KEY + ",'attributes':{" + attributes + "}}");
    }

    private static Function<JMSContext, Message> jsonRole(String attributes, String associations) {
        return jsonObject("INSERT", "{'type':'OpportunityPersonRole','attributes':{" + attributes + "},'associations':["
                + associations + "]}");
    }

    private static Function<JMSContext, Message> jsonTag(String type, String value) {
        return jsonObject("UPDATE", "{'type':'Program','id':1970,'typeAttributes':[{'type':'Tag','attributes':{'Type':'"
                + type + "','Value':'" + value + "'}}]}");
    }

    private static Function<JMSContext, Message> xml(String request) {
        return jms -> jms.createTextMessage(request);
    }

    private static Function<JMSContext, Message> xmlObjects(String mObjects) {
        return xml(OPEN + "<mObjectList>" + mObjects + "</mObjectList><operation>UPSERT</operation></ns1:paramsSyncMObjects>");
    }

    private static Function<JMSContext, Message> xmlOpportunity(String attribs) {
        return xmlObjects("<mObject><type>Opportunity</type>" + XML_KEY + "<attribList>" + attribs + "</attribList></mObject>");
    }

    private static String attrib(String name, String value) {
        return "<attrib><name>" + name + "</name><value>" + value + "</value></attrib>";
    }

    private static Map<String, Function<JMSContext, Message>> corpus() {
        Map<String, Function<JMSContext, Message>> corpus = new LinkedHashMap<>();
        String example = example("opportunity-insert.xml");
        corpus.put("truncated XML", jms -> jms.createTextMessage(example.substring(0, example.length() / 2)));
        corpus.put("wrong namespace", jms -> jms.createTextMessage(example.replace("http://www.marketo.com/mktows/", "http://www.marketo.com/mktows/2_7")));
        corpus.put("SOAP envelope of another operation", jms -> jms.createTextMessage(
                "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                        + "<m:paramsGetLead xmlns:m=\"http://www.marketo.com/mktows/\"/></e:Body></e:Envelope>"));
        corpus.put("huge attribute value", jms -> jms.createTextMessage(
                "{\"operation\":\"INSERT\",\"objects\":[{\"type\":\"Opportunity\",\"attributes\":{\"Name\":\""
                        + "n".repeat(200_000) + "\"}}]}"));
        corpus.put("deep XML nesting", jms -> jms.createTextMessage(OPEN + "<x>".repeat(5000) + "</x>".repeat(5000)
                + "</ns1:paramsSyncMObjects>"));
        corpus.put("deep JSON nesting", jms -> jms.createTextMessage("[".repeat(100_000) + "]".repeat(100_000)));
        corpus.put("billion laughs", jms -> jms.createTextMessage("<?xml version=\"1.0\"?><!DOCTYPE l ["
                + "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                + OPEN + "<mObjectList><mObject><type>&d;</type></mObject></mObjectList></ns1:paramsSyncMObjects>"));
        corpus.put("invalid UTF-8", jms -> {
            BytesMessage m = jms.createBytesMessage();
            writeBytes(m, new byte[] {'{', '"', 'o', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
            return m;
        });
        corpus.put("UTF-8 bytes that are not a request", jms -> {
            BytesMessage m = jms.createBytesMessage();
            writeBytes(m, "GIF89a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return m;
        });
        corpus.put("JSON array", jms -> jms.createTextMessage("[{\"operation\":\"INSERT\"}]"));
        corpus.put("JSON with objects as a string", jms -> jms.createTextMessage("{\"operation\":\"INSERT\",\"objects\":\"all\"}"));
        corpus.put("JSON with attributes as a list", jms -> jms.createTextMessage(
                "{\"operation\":\"INSERT\",\"objects\":[{\"type\":\"Opportunity\",\"attributes\":[\"Name\"]}]}"));
        corpus.put("JSON null", jms -> jms.createTextMessage("null"));
        corpus.put("empty text", jms -> jms.createTextMessage(""));
        corpus.put("null text", jms -> jms.createTextMessage());
        corpus.put("object message", jms -> jms.createObjectMessage(new java.util.ArrayList<>(List.of("INSERT"))));
        corpus.put("stream message", jms -> {
            StreamMessage m = jms.createStreamMessage();
            try {
                m.writeString("INSERT");
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
            return m;
        });
        corpus.put("message without a body", JMSContext::createMessage);

        // Structural gaps: every field the backends read must be there.
        corpus.put("XML attrib without name", xmlOpportunity("<attrib><value>x</value></attrib>"));
        corpus.put("XML attrib without value", xmlOpportunity("<attrib><name>Name</name></attrib>"));
        corpus.put("JSON attribute with empty name", jsonOpportunity("'':'x'"));
        corpus.put("XML Cost attrib without name", xmlObjects("<mObject><type>Program</type><id>1970</id><typeAttribList><typeAttrib>"
                + "<attrType>Cost</attrType><attrList>" + attrib("Month", "2013-06") + attrib("Amount", "1")
                + "<attrib><value>5</value></attrib></attrList></typeAttrib></typeAttribList></mObject>"));
        corpus.put("JSON typeAttribute without type", jsonObject("UPDATE", "{'type':'Program','id':1970,'typeAttributes':[{'attributes':{'Type':'Region','Value':'EMEA'}}]}"));
        corpus.put("JSON association without type", jsonRole("'OpportunityId':'64','PersonId':'19','Role':'x'", "{'id':64}"));
        corpus.put("XML association without mObjType", xmlObjects("<mObject><type>Opportunity</type>" + XML_KEY
                + "<associationList><mObjAssociation><id>3</id></mObjAssociation></associationList></mObject>"));
        corpus.put("XML externalKey without value", xmlObjects("<mObject><type>Opportunity</type><externalKey><name>e</name></externalKey></mObject>"));

        // Said twice: rejected, never resolved first- or last-wins.
        corpus.put("XML operation twice", xml(OPEN + "<mObjectList><mObject><type>Opportunity</type>" + XML_KEY
                + "</mObject></mObjectList><operation>INSERT</operation><operation>UPDATE</operation></ns1:paramsSyncMObjects>"));
        corpus.put("JSON operation twice", json("{'operation':'INSERT','operation':'UPDATE','objects':[{'type':'Opportunity'," + JSON_KEY + "}]}"));
        corpus.put("XML id twice", xmlObjects("<mObject><type>Opportunity</type><id>1</id><id>2</id></mObject>"));
        corpus.put("JSON id twice", jsonObject("UPDATE", "{'type':'Opportunity','id':1,'id':2}"));
        corpus.put("XML second mObjectList", xml(OPEN + "<mObjectList><mObject><type>Opportunity</type>" + XML_KEY + "</mObject></mObjectList>"
                + "<mObjectList><mObject><type>Opportunity</type>" + XML_KEY + "</mObject></mObjectList><operation>INSERT</operation></ns1:paramsSyncMObjects>"));
        corpus.put("JSON second objects", json("{'operation':'INSERT','objects':[{'type':'Opportunity'," + JSON_KEY + "}],'objects':[{'type':'Opportunity'," + JSON_KEY + "}]}"));
        corpus.put("SOAP envelope with two Bodies", xml("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + example("opportunity-insert.xml").replaceFirst("<\\?xml[^>]*>", "") + "</e:Body><e:Body/></e:Envelope>"));
        corpus.put("SOAP Body with two requests", xml("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
                + example("opportunity-insert.xml").replaceFirst("<\\?xml[^>]*>", "").repeat(2) + "</e:Body></e:Envelope>"));
        corpus.put("XML externalKey twice", xmlObjects("<mObject><type>Opportunity</type>" + XML_KEY + XML_KEY.replace("H-1", "H-2") + "</mObject>"));
        corpus.put("JSON attribute member twice", jsonOpportunity("'Name':'a','Name':'b'"));
        corpus.put("JSON externalKey value twice", jsonObject("UPSERT", "{'type':'Opportunity','externalKey':{'name':'e','value':'A','value':'B'}}"));
        corpus.put("XML attrib name twice", xmlOpportunity(attrib("Name", "a") + attrib("Name", "b")));
        corpus.put("JSON attribute names differing in case", jsonOpportunity("'Name':'a','name':'b'"));
        corpus.put("XML associationList and mObjAssociationList", xmlObjects("<mObject><type>Opportunity</type>" + XML_KEY
                + "<associationList/><mObjAssociationList/></mObject>"));
        corpus.put("JSON Company associated twice", jsonObject("UPSERT", "{'type':'Opportunity'," + JSON_KEY
                + ",'associations':[{'type':'Company','externalKey':{'name':'c','value':'C-1'}},{'type':'Company','externalKey':{'name':'c','value':'C-2'}}]}"));
        corpus.put("Program tag type set twice", jsonObject("UPDATE", "{'type':'Program','id':1970,'typeAttributes':["
                + "{'type':'Tag','attributes':{'Type':'Region','Value':'EMEA'}},{'type':'Tag','attributes':{'Type':'Region','Value':'APAC'}}]}"));
        corpus.put("XML misspelt mObject dropped", xmlObjects("<mObject><type>Opportunity</type>" + XML_KEY + "</mObject><MObject><type>Opportunity</type></MObject>"));
        corpus.put("JSON second request after the first", json("{'operation':'UPSERT','objects':[{'type':'Opportunity'," + JSON_KEY + "}]}"
                + "{'operation':'UPSERT','objects':[{'type':'Opportunity'," + JSON_KEY.replace("H-1", "H-2") + "}]}"));
        corpus.put("JSON misspelt attributes member", jsonObject("UPSERT", "{'type':'Opportunity'," + JSON_KEY + ",'attribute':{'Name':'lost'}}"));

        // Attributes that would override what the key, id or associations say.
        corpus.put("attribute externalOpportunityId against the key", jsonOpportunity("'externalOpportunityId':'H-OTHER'"));
        corpus.put("XML attribute ExternalOpportunityID against the key", xmlOpportunity(attrib("ExternalOpportunityID", "H-OTHER")));
        corpus.put("attribute marketoGUID", jsonOpportunity("'marketoGUID':'0b3f4c1e-6a52-3d0e-9c1b-5f0d7f1b2a11'"));
        corpus.put("attribute externalCompanyId", jsonOpportunity("'externalCompanyId':'C-OTHER'"));
        corpus.put("role attribute leadId", jsonRole("'Role':'x','leadId':'20'", "{'type':'Opportunity','externalKey':{'name':'e','value':'H-1'}},{'type':'Lead','id':19}"));
        corpus.put("role OpportunityId and Opportunity association", jsonRole("'OpportunityId':'64','PersonId':'19','Role':'x'", "{'type':'Opportunity','id':65}"));
        corpus.put("attribute with the key's name and another value", jsonOpportunity("'extOpportunityId':'H-OTHER'"));

        // Text that an encoder would alter, and ids that are not ASCII digits.
        corpus.put("JSON lone high surrogate in a value", jsonOpportunity("'Name':'a\\uD800b'"));
        corpus.put("JSON lone low surrogate in a name", jsonOpportunity("'Na\\uDC00me':'x'"));
        corpus.put("JSON lone surrogate in a key", jsonObject("UPSERT", "{'type':'Opportunity','externalKey':{'name':'e','value':'H-\\uD800'}}"));
        corpus.put("JSON swapped surrogate pair", jsonOpportunity("'Name':'\\uDE00\\uD83D'"));
        corpus.put("XML character reference to a surrogate", xmlOpportunity(attrib("Name", "a&#xD800;b")));
        corpus.put("JSON noncharacter U+FFFF", jsonOpportunity("'Name':'x\\uFFFF'"));
        corpus.put("Arabic-Indic digit id in JSON", jsonObject("UPDATE", "{'type':'Program','id':'\u0661\u0669\u0667\u0660','typeAttributes':[{'type':'Tag','attributes':{'Type':'Region','Value':'EMEA'}}]}"));
        corpus.put("Arabic-Indic digit id in XML", xmlObjects("<mObject><type>Opportunity</type><id>\u0661\u0669\u0667\u0660</id></mObject>"));
        corpus.put("fullwidth digit id", jsonObject("UPDATE", "{'type':'Opportunity','id':'\uFF11\uFF19\uFF17\uFF10'}"));
        corpus.put("negative id", jsonObject("UPDATE", "{'type':'Opportunity','id':-5}"));
        corpus.put("role PersonId in Arabic-Indic digits", jsonRole("'OpportunityId':'64','PersonId':'\u0661\u0669','Role':'x'", ""));
        corpus.put("Cost Month in Arabic-Indic digits", jsonObject("UPDATE", "{'type':'Program','id':1970,'typeAttributes':[{'type':'Cost','attributes':{'Month':'\u0662\u0660\u0661\u0663-06','Amount':'1'}}]}"));
        corpus.put("Cost Id in Arabic-Indic digits", jsonObject("UPDATE", "{'type':'Program','id':1970,'typeAttributes':[{'type':'Cost','attributes':{'Month':'2013-06','Amount':'1','Id':'\u0661\u0665'}}]}"));

        // Names that would become other URL parts or field names.
        corpus.put("tag type with /", jsonTag("Region/../../costs", "EMEA"));
        corpus.put("tag type with ?", jsonTag("Region.json?tagValue=x", "EMEA"));
        corpus.put("tag type with #", jsonTag("Region#x", "EMEA"));
        corpus.put("tag type ..", jsonTag("..", "EMEA"));
        corpus.put("tag type with %", jsonTag("Region%2F", "EMEA"));
        corpus.put("tag type with CR LF", jsonTag("Region\\r\\nX-Forged: 1", "EMEA"));
        corpus.put("tag type with leading space", jsonTag(" Region", "EMEA"));
        corpus.put("tag value with LF", jsonTag("Region", "EMEA\\n"));
        corpus.put("attribute name with NUL", jsonOpportunity("'Na\\u0000me':'x'"));
        corpus.put("attribute name with a forged log line", jsonOpportunity("'Name\\n2026-01-01 ERROR forged':'x'"));
        corpus.put("attribute name with C1 control NEL", jsonOpportunity("'Na\\u0085me':'x'"));
        corpus.put("key value with LF", jsonObject("UPSERT", "{'type':'Opportunity','externalKey':{'name':'e','value':'H-1\\nH-2'}}"));
        corpus.put("value with ESC", jsonOpportunity("'Name':'a\\u001B[31mb'"));
        corpus.put("type with a control character", jsonObject("INSERT", "{'type':'Opportunity\\u0007'," + JSON_KEY + "}"));
        return corpus;
    }

    private static void writeBytes(BytesMessage m, byte[] bytes) {
        try {
            m.writeBytes(bytes);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyBadMessageIsRejectedOnceParkedAndHarmless() throws Exception {
        JMSContext jms = client.context();
        TemporaryQueue replyQueue = jms.createTemporaryQueue();
        Map<String, String> sent = new LinkedHashMap<>();
        for (Map.Entry<String, Function<JMSContext, Message>> bad : corpus().entrySet()) {
            Message m = bad.getValue().apply(jms);
            m.setJMSReplyTo(replyQueue);
            jms.createProducer().send(jms.createQueue("SyncRequests"), m);
            sent.put(m.getJMSMessageID(), bad.getKey());
        }

        List<String> answered = new ArrayList<>();
        try (JMSConsumer replies = jms.createConsumer(replyQueue)) {
            for (int i = 0; i < sent.size(); i++) {
                Message reply = Jms.checked(replies.receive(60_000));
                assertNotNull(reply, "replies so far: " + answered);
                String what = sent.get(reply.getJMSCorrelationID());
                assertEquals("REJECTED", reply.getStringProperty("mktsync_outcome"), what);
                assertTrue(((TextMessage) reply).getText().contains("problem"), what + ": " + ((TextMessage) reply).getText());
                answered.add(what);
            }
            assertEquals(null, replies.receive(500), "one reply each, no more");
        }
        assertTrue(sent.size() >= 50, "at least 50 kinds of bad input: " + sent.size());
        assertEquals(sent.size(), new java.util.HashSet<>(answered).size(), "each one answered: " + answered);
        for (Map.Entry<String, String> s : sent.entrySet()) {
            assertEquals(1, Jms.forwardedFrom("SyncRequestsParked", s.getKey()).size(), s.getValue() + " parked");
        }
        assertEquals(List.of(), Simulator.calls());

        assertEquals("SUCCEEDED", request(Requests.opportunity("INSERT", "AFTER-BAD-INPUT", "still works")).outcome(),
                "consumers still work (a request by key, which both backends send)");
        assertTrue(Plugin.ready());
    }

    @Test
    void aRequestWithoutReplyDestinationIsAnsweredOnTheTopic() throws Exception {
        JMSContext jms = client.context();
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("SyncReplies"))) {
            TextMessage bad = jms.createTextMessage("{\"operation\":");
            jms.createProducer().send(jms.createQueue("SyncRequests"), bad);

            Message reply = Jms.checked(topic.receive(60_000));
            assertNotNull(reply);
            assertEquals(bad.getJMSMessageID(), reply.getJMSCorrelationID());
            assertEquals("REJECTED", reply.getStringProperty("mktsync_outcome"));
        }
    }
}
