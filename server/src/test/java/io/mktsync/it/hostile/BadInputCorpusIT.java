package io.mktsync.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
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
 */
class BadInputCorpusIT extends MktsyncIT {

    private static final String OPEN = "<ns1:paramsSyncMObjects xmlns:ns1=\"http://www.marketo.com/mktows/\">";

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
        assertEquals(sent.size(), new java.util.HashSet<>(answered).size(), "each one answered: " + answered);
        for (Map.Entry<String, String> s : sent.entrySet()) {
            assertEquals(1, Jms.forwardedFrom(client, "SyncRequestsParked", s.getKey()).size(), s.getValue() + " parked");
        }
        assertEquals(List.of(), Simulator.calls());

        assertEquals("SUCCEEDED", request(example("opportunity-insert.xml")).outcome(), "consumers still work");
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
