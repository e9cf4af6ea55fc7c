package io.mktsync.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that cannot go to Marketo: each gets a REJECTED reply naming the object and field, costs
 * no Marketo call, and is kept, untouched, in the parking queue.
 */
class RejectionIT extends MktsyncIT {

    private static final String PARKING = "SyncRequestsParked";

    private static String programCost(String operation, String costAttributes) {
        return """
                {"operation":"%s","objects":[{"type":"Program","id":1970,
                  "typeAttributes":[{"type":"Cost","attributes":{%s}}]}]}""".formatted(operation, costAttributes);
    }

    private static String programTag(String tagAttributes) {
        return """
                {"operation":"UPDATE","objects":[{"type":"Program","id":1970,
                  "typeAttributes":[{"type":"Tag","attributes":{%s}}]}]}""".formatted(tagAttributes);
    }

    private static String role(String attributes) {
        return """
                {"operation":"INSERT","objects":[{"type":"OpportunityPersonRole","attributes":{%s}}]}""".formatted(attributes);
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("unknown type", "{\"operation\":\"INSERT\",\"objects\":[{\"type\":\"Lead\"}]}", 1, "type"),
                Arguments.of("unknown operation", example("opportunity-insert.xml").replace(">INSERT<", ">DELETE<"), 0, "operation"),
                Arguments.of("Program with UPSERT", programCost("UPSERT", "\"Month\":\"2013-06\",\"Amount\":\"1\""), 1, "operation"),
                Arguments.of("Cost without Month", programCost("UPDATE", "\"Amount\":\"1\""), 1, "Cost.Month"),
                Arguments.of("Cost with a bad Month", programCost("UPDATE", "\"Month\":\"June 2013\",\"Amount\":\"1\""), 1, "Cost.Month"),
                Arguments.of("Cost without Amount", programCost("UPDATE", "\"Month\":\"2013-06\""), 1, "Cost.Amount"),
                Arguments.of("Tag without Type", programTag("\"Value\":\"Webinar\""), 1, "Tag.Type"),
                Arguments.of("Tag without Value", programTag("\"Type\":\"Channel\""), 1, "Tag.Value"),
                Arguments.of("role without OpportunityId", role("\"PersonId\":\"19\""), 1, "OpportunityId"),
                Arguments.of("role without PersonId", role("\"OpportunityId\":\"64\""), 1, "PersonId"),
                Arguments.of("malformed XML", "<ns1:paramsSyncMObjects xmlns:ns1=\"http://www.marketo.com/mktows/\"><mObjectList>", 0, "body"),
                Arguments.of("malformed JSON", "{\"operation\":\"INSERT\",\"objects\":[", 0, "body"),
                Arguments.of("wrong namespace", example("opportunity-insert.xml").replace("http://www.marketo.com/mktows/", "urn:not-marketo"), 0, "body"),
                Arguments.of("external entity", """
                        <?xml version="1.0"?>
                        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <ns1:paramsSyncMObjects xmlns:ns1="http://www.marketo.com/mktows/"><mObjectList><mObject>
                        <type>&xxe;</type></mObject></mObjectList><operation>INSERT</operation></ns1:paramsSyncMObjects>""", 0, "body"),
                Arguments.of("oversized body", "{\"operation\":\"INSERT\",\"objects\":[],\"padding\":\""
                        + "x".repeat(1024 * 1024) + "\"}", 0, "body"),
                Arguments.of("empty body", "   ", 0, "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void rejectedRepliedAndParked(String why, String body, int object, String field) throws Exception {
        String id = client.send(body, Map.of());
        SyncClient.Reply reply = client.awaitReply(id, Jms.REPLY_TIMEOUT).orElseThrow();

        assertEquals("REJECTED", reply.outcome(), why);
        assertTrue(reply.properties().get("mktsync_error").toString().contains(field), reply.properties().toString());
        String problem = body.trim().startsWith("<")
                ? "<problem object=\"" + object + "\" field=\"" + field + "\">"
                : "{\"object\":" + object + ",\"field\":\"" + field + "\"";
        assertTrue(reply.body().contains(problem), why + ": expected " + problem + " in " + reply.body());

        List<Message> parked = Jms.forwardedFrom(PARKING, id);
        assertEquals(1, parked.size(), "one parked copy");
        assertEquals(body, ((TextMessage) parked.get(0)).getText(), "parked untouched");
        assertTrue(parked.get(0).getStringProperty("mktsync_reason").contains(field));
        assertEquals(List.of(), Simulator.calls(), "no Marketo call");
    }

    @Test
    void aMessageThatIsNotTextIsRejectedAndParkedWithItsBody() throws Exception {
        MapMessage message = client.context().createMapMessage();
        message.setString("operation", "INSERT");
        message.setStringProperty("origin", "erp-7");
        message.setJMSReplyTo(client.context().createTemporaryQueue());
        var replies = client.context().createConsumer(message.getJMSReplyTo());
        client.context().createProducer().send(client.context().createQueue("SyncRequests"), message);

        Message reply = Jms.checked(replies.receive(60_000));
        assertEquals("REJECTED", reply.getStringProperty("mktsync_outcome"));
        assertTrue(((TextMessage) reply).getText().contains("MapMessage"), ((TextMessage) reply).getText());

        Message parked = Jms.forwardedFrom(PARKING, message.getJMSMessageID()).get(0);
        assertEquals("INSERT", ((MapMessage) parked).getString("operation"));
        assertEquals("erp-7", parked.getStringProperty("origin"), "the sender's own properties are kept");
        assertEquals(List.of(), Simulator.calls());
    }
}
