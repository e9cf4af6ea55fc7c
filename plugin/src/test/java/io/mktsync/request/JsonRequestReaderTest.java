package io.mktsync.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRequestReaderTest {

    private final JsonRequestReader json = new JsonRequestReader();
    private final XmlRequestReader xml = new XmlRequestReader();

    @Test
    void theJsonExamplesMeanTheSameAsMarketosXmlExamples() throws Exception {
        for (String example : List.of("program-cost-update", "opportunity-insert", "opportunity-person-role-insert")) {
            assertEquals(xml.read(Examples.read(example + ".xml")), json.read(Examples.read(example + ".json")), example);
        }
    }

    @Test
    void readsKeysAssociationsAndKeepsNumbersAsWritten() throws Exception {
        SyncRequest request = json.read("""
                {"operation":"UPSERT","objects":[{"type":"Opportunity","externalKey":{"name":"ext","value":"O-1"},
                 "attributes":{"Amount":2000.00,"IsWon":true},
                 "associations":[{"type":"Company","id":"12"}]}]}""");
        MObject o = request.objects().get(0);
        assertEquals(new Attrib("ext", "O-1"), o.externalKey());
        assertEquals("2000.00", o.attribute("Amount").orElseThrow());
        assertEquals("true", o.attribute("IsWon").orElseThrow());
        assertEquals(12, o.association("Company").orElseThrow().id());
    }

    @Test
    void namesEveryShapeProblem() {
        RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> json.read("""
                {"operation":"INSERT","objects":[{"type":"Opportunity","id":1.5,"attributes":{"Name":{"x":1}}}, 7]}"""));
        assertEquals(List.of(new Problem(1, "id", "must be an integer"),
                new Problem(1, "Name", "must be a string, number or boolean"),
                new Problem(2, null, "must be a JSON object")), e.problems());
    }

    @Test
    void rejectsMalformedJsonAndNonObjects() {
        assertTrue(assertThrows(RequestRejectedException.class, () -> json.read("{\"operation\":"))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(RequestRejectedException.class, () -> json.read("[1,2]"))
                .getMessage().contains("must be a JSON object"));
        assertThrows(RequestRejectedException.class, () -> json.read("[".repeat(100_000) + "]".repeat(100_000)));
    }
}
