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

    private List<Problem> problems(String body) {
        return assertThrows(RequestRejectedException.class, () -> json.read(body)).problems();
    }

    @Test
    void aMemberGivenTwiceIsNamedWithItsObjectNotResolved() {
        String twice = "appears more than once in one JSON object; give it once";
        assertEquals(List.of(new Problem(0, "operation", twice)), problems("""
                {"operation":"INSERT","operation":"UPDATE","objects":[{"type":"Opportunity"}]}"""));
        assertEquals(List.of(new Problem(0, "objects", twice)), problems("""
                {"operation":"INSERT","objects":[{"type":"Opportunity"}],"objects":[{"type":"Opportunity"}]}"""));
        assertEquals(List.of(new Problem(2, "id", twice)), problems("""
                {"operation":"UPDATE","objects":[{"type":"Program","id":1},{"type":"Program","id":1,"id":2}]}"""));
        assertEquals(List.of(new Problem(1, "attributes.Name", twice)), problems("""
                {"operation":"INSERT","objects":[{"type":"Opportunity","attributes":{"Name":"a","Name":"b"}}]}"""));
        assertEquals(List.of(new Problem(1, "externalKey.value", twice)), problems("""
                {"operation":"INSERT","objects":[{"type":"Opportunity","externalKey":{"name":"e","value":"A","value":"B"}}]}"""));
        assertEquals(List.of(new Problem(1, "typeAttributes[2].attributes.Amount", twice)), problems("""
                {"operation":"UPDATE","objects":[{"type":"Program","id":1,"typeAttributes":[
                 {"type":"Cost","attributes":{"Month":"2013-06","Amount":"1"}},
                 {"type":"Cost","attributes":{"Month":"2013-06","Amount":"1","Amount":"100"}}]}]}"""));
    }

    @Test
    void aSecondRequestAfterTheFirstIsNotIgnored() {
        String one = "{\"operation\":\"UPDATE\",\"objects\":[{\"type\":\"Opportunity\",\"id\":1}]}";
        for (String trailing : List.of(one, "5", "]")) {
            List<Problem> problems = problems(one + " " + trailing);
            assertEquals("body", problems.get(0).field(), trailing);
            assertTrue(problems.get(0).message().startsWith("is not valid JSON"), problems.get(0).message());
        }
    }

    @Test
    void aMemberThisFormDoesNotHaveIsNamedNotIgnored() {
        assertEquals(List.of(new Problem(1, "attribute", "is not a member of this JSON form; use associations, "
                        + "attributes, externalKey, id, type, typeAttributes")),
                problems("""
                        {"operation":"INSERT","objects":[{"type":"Opportunity","attribute":{"Name":"lost"}}]}"""));
        assertEquals("externalKey.Value", problems("""
                {"operation":"INSERT","objects":[{"type":"Opportunity","externalKey":{"name":"e","Value":"A"}}]}""")
                .get(0).field());
        assertEquals("object", problems("""
                {"operation":"INSERT","object":[{"type":"Opportunity"}]}""").get(0).field());
    }

    @Test
    void idsAreAsciiDigitsOnly() {
        for (String id : List.of("\"\u0661\u0669\u0667\u0660\"", "\"\\u0661\\u0669\\u0667\\u0660\"", "-1970",
                "\"-1970\"", "\"+1970\"", "0", "\" 1970\\u0000\"", "4294967297")) {
            assertEquals(List.of("id"), problems("{\"operation\":\"UPDATE\",\"objects\":[{\"type\":\"Program\",\"id\":"
                    + id + "}]}").stream().map(Problem::field).toList(), id);
        }
    }
}
