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
        JsonRequestReader json = new JsonRequestReader();
        for (String example : List.of("program-cost-update", "opportunity-insert", "opportunity-person-role-insert")) {
            SyncRequest request = json.read(Examples.read("rest/" + example + ".json"));
            assertDoesNotThrow(() -> validator.validate(request), "rest/" + example);
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

    private static MObject opportunity(String key, Attrib... attributes) {
        return new MObject("Opportunity", null, new Attrib("extOpportunityId", key), List.of(attributes), List.of(), List.of());
    }

    private static TypeAttrib tag(String type, String value) {
        return new TypeAttrib("Tag", List.of(new Attrib("Type", type), new Attrib("Value", value)));
    }

    private List<String> fields(SyncOperation op, MObject... objects) {
        return problems(op, objects).stream().map(Problem::field).toList();
    }

    @Test
    void everyFieldTheBackendsReadIsThere() {
        assertEquals(List.of(new Problem(1, "attrib.name", "is missing: an attribute needs a name (its value is 'x')")),
                problems(SyncOperation.INSERT, opportunity("O-1", new Attrib(null, "x"))));
        assertEquals(List.of("attrib.name"), fields(SyncOperation.INSERT, opportunity("O-1", new Attrib("", "x"))));
        assertEquals(List.of(new Problem(1, "Name", "has no value; send an empty value to clear the field")),
                problems(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", null))));
        assertEquals(List.of("Cost.attrib.name"), fields(SyncOperation.UPDATE, program(new TypeAttrib("Cost", List.of(
                new Attrib("Month", "2013-06"), new Attrib("Amount", "1"), new Attrib(null, "x"))))));
        assertEquals(List.of(new Problem(1, "Tag.Value", "has no value; send an empty value to clear the field")), problems(SyncOperation.UPDATE, program(new TypeAttrib("Tag", List.of(
                new Attrib("Type", "Region"), new Attrib("Value", null))))));
        assertEquals(List.of(new Problem(1, "attrType", "is missing; use Cost or Tag")),
                problems(SyncOperation.UPDATE, program(new TypeAttrib(null, List.of()))));
        MObject role = new MObject("OpportunityPersonRole", null, null, List.of(new Attrib("Role", "x")), List.of(),
                List.of(new Association(null, 64, null), new Association("Lead", 19, null)));
        assertEquals(List.of(new Problem(1, "associationList.mObjType", "is missing; use Company, Lead or Opportunity"),
                new Problem(1, "OpportunityId", "is missing; give OpportunityId or an association of mObjType Opportunity")),
                problems(SyncOperation.INSERT, role));
    }

    @Test
    void nothingIsSaidTwice() {
        assertEquals(List.of(new Problem(1, "name", "is given more than once in one object (names are compared ignoring case);"
                        + " give it once")),
                problems(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", "a"), new Attrib("name", "b"))));
        assertEquals(List.of("Cost.Amount"), fields(SyncOperation.UPDATE, program(new TypeAttrib("Cost", List.of(
                new Attrib("Month", "2013-06"), new Attrib("Amount", "1"), new Attrib("Amount", "100"))))));
        assertEquals(List.of("Tag.Type"), fields(SyncOperation.UPDATE, program(tag("Region", "EMEA"), tag("region", "APAC"))));
        MObject twoCompanies = new MObject("Opportunity", null, new Attrib("ext", "O-1"), List.of(), List.of(), List.of(
                new Association("Company", null, new Attrib("c", "C-1")), new Association("Company", null, new Attrib("c", "C-2"))));
        assertEquals(List.of("associationList.mObjType"), fields(SyncOperation.INSERT, twoCompanies));
        MObject roleTwice = new MObject("OpportunityPersonRole", null, null,
                List.of(new Attrib("OpportunityId", "64"), new Attrib("PersonId", "19"), new Attrib("Role", "x")), List.of(),
                List.of(new Association("Opportunity", 65, null)));
        assertEquals(List.of("OpportunityId"), fields(SyncOperation.INSERT, roleTwice));
    }

    @Test
    void noAttributeOverridesTheKeyIdOrAssociations() {
        for (String derived : List.of("externalOpportunityId", "ExternalOpportunityID", "marketoGUID", "externalCompanyId",
                "leadId", "Id")) {
            assertEquals(List.of(derived), fields(SyncOperation.UPSERT, opportunity("A", new Attrib(derived, "B"))), derived);
        }
        MObject role = new MObject("OpportunityPersonRole", null, null, List.of(new Attrib("PersonId", "19"),
                new Attrib("Role", "x"), new Attrib("externalOpportunityId", "OTHER")), List.of(),
                List.of(new Association("Opportunity", null, new Attrib("ext", "O-1"))));
        assertEquals(List.of("externalOpportunityId"), fields(SyncOperation.INSERT, role));
        MObject lowerCase = new MObject("OpportunityPersonRole", null, null, List.of(new Attrib("opportunityId", "64"),
                new Attrib("Role", "x")), List.of(), List.of(new Association("Opportunity", 65, null), new Association("Lead", 19, null)));
        assertEquals(List.of(new Problem(1, "opportunityId", "is written OpportunityId in a role")),
                problems(SyncOperation.INSERT, lowerCase));
        assertEquals(List.of("extopportunityid"),
                fields(SyncOperation.UPSERT, opportunity("A", new Attrib("extopportunityid", "B"))));
        assertDoesNotThrow(() -> validator.validate(new SyncRequest(SyncOperation.UPSERT,
                List.of(opportunity("A", new Attrib("extOpportunityId", "A"))))), "the key repeated, as Marketo's blog does");
        assertEquals(List.of("typeAttribList"), fields(SyncOperation.INSERT, new MObject("Opportunity", null,
                new Attrib("e", "A"), List.of(), List.of(tag("Region", "EMEA")), List.of())));
    }

    @Test
    void textThatWouldBeAlteredIsRefused() {
        assertEquals(List.of(new Problem(1, "Name", "value holds an unpaired surrogate U+D800 at position 2: not valid Unicode")),
                problems(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", "a\uD800b"))));
        assertEquals(List.of("Na\\udc00me"), fields(SyncOperation.INSERT, opportunity("O-1", new Attrib("Na\uDC00me", "x"))));
        assertEquals(List.of("externalKey"), fields(SyncOperation.INSERT, opportunity("O-\uDBFF")));
        assertEquals(List.of("Name"), fields(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", "\uDE00\uD83D"))));
        assertEquals(List.of("Name"), fields(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", "x\uFFFE"))));
        assertDoesNotThrow(() -> validator.validate(new SyncRequest(SyncOperation.INSERT,
                List.of(opportunity("O-\uD83D\uDE00", new Attrib("Description", "line 1\r\n\tline 2 \uD83D\uDE00"))))));
    }

    @Test
    void idsAreAsciiDigitsOnly() {
        MObject role = new MObject("OpportunityPersonRole", null, null, List.of(new Attrib("OpportunityId", "\u0666\u0664"),
                new Attrib("PersonId", "-19"), new Attrib("Role", "x")), List.of(), List.of());
        assertEquals(List.of("OpportunityId", "PersonId"), fields(SyncOperation.INSERT, role));
        assertEquals(List.of("Cost.Id"), fields(SyncOperation.UPDATE, program(new TypeAttrib("Cost", List.of(
                new Attrib("Month", "2013-06"), new Attrib("Amount", "1"), new Attrib("Id", "\u0661\u0665\u0663"))))));
        assertEquals(List.of("Cost.Month", "Cost.Amount"), fields(SyncOperation.UPDATE,
                program(cost("\u0662\u0660\u0661\u0663-06", "\u0662\u0660\u0660\u0660"))));
    }

    @Test
    void namesAndKeysHoldNoControlCharacters() {
        for (String name : List.of("Na\u0000me", "Name\r\nERROR forged", "Na\tme", "Na\u0085me", "Na\u2028me", " Name")) {
            assertEquals(1, problems(SyncOperation.INSERT, opportunity("O-1", new Attrib(name, "x"))).size(), name);
            assertEquals(List.of("externalKey"), fields(SyncOperation.INSERT, opportunity(name)), name);
        }
        assertEquals(List.of("Name"), fields(SyncOperation.INSERT, opportunity("O-1", new Attrib("Name", "a\u001Bb"))));
        assertEquals(List.of("type"), fields(SyncOperation.INSERT,
                new MObject("Opportunity\u0000", null, null, List.of(), List.of(), List.of())).subList(0, 1));
    }

    @Test
    void tagTypesAreNamesNotUrlParts() {
        for (String type : List.of("Region/../../costs", "Region?x=1", "Region#x", "Region%2F", "..", " Region", "Region\n",
                "Reg\u0000ion")) {
            assertEquals(List.of("Tag.Type"), fields(SyncOperation.UPDATE, program(tag(type, "EMEA"))), type);
        }
        assertEquals(List.of("Tag.Value"), fields(SyncOperation.UPDATE, program(tag("Region", "EMEA\r\n"))));
        assertDoesNotThrow(() -> validator.validate(new SyncRequest(SyncOperation.UPDATE,
                List.of(program(tag("Sales Region", "EMEA / North"), cost("2013-06", "10"))))));
    }

    /** Cut or repeated pieces of Marketo's examples: each is read and validated, or rejected, and nothing else. */
    @Test
    void mangledExamplesAreRejectedNeverThrown() {
        java.util.Random random = new java.util.Random(20140301);
        XmlRequestReader xml = new XmlRequestReader();
        JsonRequestReader json = new JsonRequestReader();
        for (String example : List.of("program-cost-update", "opportunity-insert", "opportunity-person-role-insert")) {
            for (String body : List.of(Examples.read(example + ".xml"), Examples.read(example + ".json"),
                    Examples.read("rest/" + example + ".json"))) {
                for (int i = 0; i < 500; i++) {
                    int from = random.nextInt(body.length());
                    int to = from + random.nextInt(Math.min(40, body.length() - from) + 1);
                    String mangled = random.nextBoolean() ? body.substring(0, from) + body.substring(to)
                            : body.substring(0, to) + body.substring(from);
                    try {
                        SyncRequest request = BodyFormat.of(mangled) == BodyFormat.XML ? xml.read(mangled) : json.read(mangled);
                        validator.validate(request);
                    } catch (RequestRejectedException expected) {
                        // what a bad request gets
                    } catch (RuntimeException e) {
                        throw new AssertionError("thrown for: " + mangled, e);
                    }
                }
            }
        }
    }
}
