package io.mktsync.request;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(500, 100);

    private static MObject program(TypeAttrib... typeAttribs) {
        return new MObject("Program", 1970, null, List.of(), List.of(typeAttribs), List.of());
    }

    private static TypeAttrib cost(String month, String amount) {
        List<Attrib> attribs = new java.util.ArrayList<>();
        if (month != null) {
            attribs.add(new Attrib("Month", month));
        }
        if (amount != null) {
            attribs.add(new Attrib("Amount", amount));
        }
        return new TypeAttrib("Cost", attribs);
    }

    private List<Problem> problems(SyncOperation op, MObject... objects) {
        return assertThrows(RequestRejectedException.class,
                () -> validator.validate(new SyncRequest(op, List.of(objects)))).problems();
    }

    @Test
    void acceptsMarketosExamples() throws Exception {
        XmlRequestReader reader = new XmlRequestReader();
        for (String example : List.of("program-cost-update", "opportunity-insert", "opportunity-person-role-insert")) {
            SyncRequest request = reader.read(Examples.read(example + ".xml"));
            assertDoesNotThrow(() -> validator.validate(request), example);
        }
    }

    @Test
    void programOnlyWithUpdate() {
        assertEquals(List.of(new Problem(1, "operation", "a Program can only be synced with UPDATE, not UPSERT")),
                problems(SyncOperation.UPSERT, program(cost("2013-06", "1"))));
    }

    @Test
    void costNeedsMonthAndAmount() {
        assertEquals(List.of(new Problem(1, "Cost.Month", "must be YYYY-MM, was '2013-13'"),
                        new Problem(1, "Cost.Amount", "is missing")),
                problems(SyncOperation.UPDATE, program(cost("2013-13", null))));
        assertEquals(List.of(new Problem(1, "Cost.Month", "is missing; use YYYY-MM"),
                        new Problem(1, "Cost.Amount", "must be a number, was 'lots'")),
                problems(SyncOperation.UPDATE, program(cost(null, "lots"))));
    }

    @Test
    void tagNeedsTypeAndValue() {
        assertEquals(List.of(new Problem(1, "Tag.Type", "is missing"), new Problem(1, "Tag.Value", "is missing")),
                problems(SyncOperation.UPDATE, program(new TypeAttrib("Tag", List.of()))));
    }

    @Test
    void unknownTypeAndMissingType() {
        MObject lead = new MObject("Lead", 1, null, List.of(), List.of(), List.of());
        MObject none = new MObject(null, 1, null, List.of(), List.of(), List.of());
        List<Problem> problems = problems(SyncOperation.INSERT, lead, none);
        assertEquals(1, problems.get(0).object());
        assertEquals("type", problems.get(0).field());
        assertEquals(2, problems.get(1).object());
    }

    @Test
    void roleNeedsOpportunityAndPersonByAttributeOrAssociation() {
        MObject bare = new MObject("OpportunityPersonRole", null, null, List.of(new Attrib("Role", "x")), List.of(), List.of());
        assertEquals(List.of("OpportunityId", "PersonId"),
                problems(SyncOperation.INSERT, bare).stream().map(Problem::field).toList());
        MObject byAssociation = new MObject("OpportunityPersonRole", null, null, List.of(), List.of(),
                List.of(new Association("Opportunity", null, new Attrib("ext", "O-1")), new Association("Lead", 19, null)));
        assertDoesNotThrow(() -> validator.validate(new SyncRequest(SyncOperation.INSERT, List.of(byAssociation))));
    }

    @Test
    void opportunityUpdateNeedsAKey() {
        MObject keyless = new MObject("Opportunity", null, null, List.of(new Attrib("Name", "x")), List.of(), List.of());
        assertEquals("id", problems(SyncOperation.UPDATE, keyless).get(0).field());
    }

    @Test
    void hugeValuesAreRefused() {
        MObject o = new MObject("Opportunity", null, new Attrib("ext", "k"),
                List.of(new Attrib("Name", "x".repeat(101))), List.of(), List.of());
        assertEquals(List.of(new Problem(1, "Name",
                        "value is 101 characters long, over the limit of 100 (mktsync.request.max-value-length)")),
                problems(SyncOperation.INSERT, o));
    }

    @Test
    void emptyAndOversizedRequests() {
        assertEquals("mObjectList", problems(SyncOperation.INSERT).get(0).field());
        MObject o = new MObject("Opportunity", null, null, List.of(), List.of(), List.of());
        RequestValidator small = new RequestValidator(2, 100);
        RequestRejectedException e = assertThrows(RequestRejectedException.class,
                () -> small.validate(new SyncRequest(SyncOperation.INSERT, Collections.nCopies(3, o))));
        assertEquals("holds 3 objects; at most 2 are accepted in one message", e.problems().get(0).message());
    }
}
