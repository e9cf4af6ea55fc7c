package io.mktsync.marketo.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.request.TypeAttrib;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestMappingTest {

    private final FakeInstance instance = new FakeInstance();
    private final RestMapping mapping = new RestMapping(300, instance.metadata());

    private static MObject opportunity(Integer id, String key, List<Attrib> attributes, List<Association> associations) {
        return new MObject(MObject.OPPORTUNITY, id, key == null ? null : new Attrib("ext", key), attributes, List.of(),
                associations);
    }

    private static MObject program(TypeAttrib... typeAttributes) {
        return new MObject(MObject.PROGRAM, 1970, null, List.of(), List.of(typeAttributes), List.of());
    }

    private static TypeAttrib cost(String month, String amount, String id) {
        return new TypeAttrib("Cost", id == null ? List.of(new Attrib("Month", month), new Attrib("Amount", amount))
                : List.of(new Attrib("Month", month), new Attrib("Amount", amount), new Attrib("Id", id)));
    }

    @Test
    void anOpportunityBecomesARecordByItsKeyWithTheInstancesFieldsAndTypes() {
        RestMapping.Mapped mapped = mapping.opportunity(opportunity(null, "OPP-1",
                List.of(new Attrib("Name", "n"), new Attrib("Lead Source", "web"), new Attrib("CloseDate", "2026-12-01"),
                        new Attrib("Amount", " 1200.50"), new Attrib("PROBABILITY", "80"), new Attrib("IsWon", "0"),
                        new Attrib("ExternalCreatedDate", "2026-01-02T03:04:05Z"), new Attrib("Description", "")),
                List.of(new Association("Company", null, new Attrib("ext", "C-7")))));

        assertEquals(Json.createObjectBuilder().add("externalOpportunityId", "OPP-1").add("externalCompanyId", "C-7")
                .add("name", "n").add("source", "web").add("closeDate", "2026-12-01")
                .add("amount", new java.math.BigDecimal("1200.50")).add("probability", 80).add("isWon", false)
                .add("externalCreatedDate", "2026-01-02T03:04:05Z").add("description", "").build(), mapped.record());
    }

    @Test
    void anUnknownFieldAWrongTypeOrAReadOnlyFieldFailsTheObjectWithTheInstancesWords() {
        assertEquals("Opportunity attribute 'Colour' is not a field of this Marketo instance: Describe Opportunity "
                + "gives no field of that name or display name", gap("Colour", "red"));
        assertEquals("Opportunity attribute 'Amount' is field 'amount' of type currency in this Marketo instance: "
                + "'lots' is not a value of that type", gap("Amount", "lots"));
        assertEquals("Opportunity attribute 'IsWon' is field 'isWon' of type boolean in this Marketo instance: "
                + "'maybe' is not a value of that type", gap("IsWon", "maybe"));
        assertTrue(gap("CloseDate", "12/01/2026").contains("of type date"));
        assertTrue(gap("Probability", "80%").contains("of type integer"));
        assertEquals("Opportunity attribute 'CreatedAt' is field 'createdAt' of this Marketo instance, which Describe "
                + "Opportunity says cannot be written", gap("CreatedAt", "2026-01-01T00:00:00Z"));
    }

    @Test
    void describeIsReadWhenFirstNeededOnceAndAgainWhenStaleOrOld() {
        mapping.opportunity(opportunity(null, "K", List.of(), List.of()));
        assertEquals(List.of(), instance.reads, "no attribute, no Describe");

        mapping.opportunity(opportunity(null, "K", List.of(new Attrib("Name", "a")), List.of()));
        mapping.opportunity(opportunity(null, "K", List.of(new Attrib("Name", "b")), List.of()));
        instance.metadata().renewDue();
        assertEquals(List.of(RestMetadata.DESCRIBE_OPPORTUNITY), instance.reads, "cached");

        instance.metadata().stale(RestMetadata.Described.OPPORTUNITY);
        mapping.opportunity(opportunity(null, "K", List.of(new Attrib("Name", "c")), List.of()));
        assertEquals(1, instance.reads.size(), "a stale Describe is used until the next call is planned");
        instance.metadata().renewDue();
        assertEquals(2, instance.reads.size());

        instance.later(86_400);
        instance.metadata().renewDue();
        assertEquals(List.of(RestMetadata.DESCRIBE_OPPORTUNITY, RestMetadata.DESCRIBE_OPPORTUNITY,
                RestMetadata.DESCRIBE_OPPORTUNITY), instance.reads, "a day old");
    }

    @Test
    void objectsFailedBeforeAnyCallSpendNoCall() {
        MObject unknownField = opportunity(null, "K1", List.of(new Attrib("Colour", "red")), List.of());
        MObject wrongType = opportunity(null, "K2", List.of(new Attrib("Amount", "lots")), List.of());
        MObject fine = opportunity(null, "K3", List.of(new Attrib("Name", "n")), List.of());

        assertEquals(1, mapping.calls(List.of(opportunity(null, "K0", List.of(), List.of()), fine)));
        assertEquals(List.of(RestMetadata.DESCRIBE_OPPORTUNITY), instance.reads,
                "read while counting, for every object, not during the call");
        assertEquals(0, mapping.calls(List.of(unknownField, wrongType)));
        assertEquals(1, mapping.calls(List.of(unknownField, fine, wrongType)));
        assertEquals(0, mapping.calls(List.of(program(tag("Colour", "red"), cost("2026-11", "10", null)))));
        assertEquals(2, mapping.calls(List.of(program(tag("region", "EMEA"), cost("2026-11", "10", null)))));
    }

    @Test
    void tagTypesAreTheInstancesReadOnceWhenATagIsSentAndUnknownOnesFailTheProgram() {
        assertNull(mapping.program(program(cost("2026-11", "10", null))).gap());
        assertEquals(List.of(), instance.reads, "no tag, no tag types");

        RestMapping.ProgramUpdate update = mapping.program(program(tag("region", "EMEA")));
        assertEquals(List.of(new Attrib("Region", "EMEA")), update.tags(), "in the instance's spelling");
        assertEquals("this Marketo instance has no tag type 'Colour' (Get Tag Types lists [Region, Program Owner])",
                mapping.program(program(tag("Colour", "red"))).gap());
        assertEquals(List.of(RestMetadata.TAG_TYPES), instance.reads);
    }

    private String gap(String attribute, String value) {
        return mapping.opportunity(opportunity(null, "K", List.of(new Attrib(attribute, value)), List.of())).gap();
    }

    private static TypeAttrib tag(String type, String value) {
        return new TypeAttrib("Tag", List.of(new Attrib("Type", type), new Attrib("Value", value)));
    }

    @Test
    void whatRestCannotExpressIsAGapWithItsReason() {
        assertTrue(mapping.opportunity(opportunity(5, null, List.of(), List.of())).gap().contains("SOAP id (5)"));
        assertTrue(mapping.opportunity(opportunity(null, null, List.of(), List.of())).gap()
                .contains("only with its externalOpportunityId"));
        assertTrue(mapping.opportunity(opportunity(null, "K", List.of(), List.of(new Association("Company", 3, null))))
                .gap().contains("not by id (3)"));
        assertEquals(RestMapping.CHANNEL, mapping.program(program(tag("Channel", "Webinar"))).gap());
        assertTrue(mapping.program(program(cost("2026-11", "10", "153"))).gap().contains("(Id 153)"));
        assertTrue(mapping.program(program(cost("2026-11", "501.50", null))).gap().contains("'501.50'"));
        assertEquals(List.of(), instance.reads, "no Marketo call for what REST cannot express");
    }

    @Test
    void aRoleNeedsItsOpportunityByKeyItsLeadByIdAndItsRole() {
        Association opportunity = new Association(MObject.OPPORTUNITY, null, new Attrib("ext", "OPP-1"));
        MObject role = new MObject(MObject.OPPORTUNITY_PERSON_ROLE, null, null,
                List.of(new Attrib("PersonId", "19"), new Attrib("Role", "Buyer"), new Attrib("IsPrimary", "1")),
                List.of(), List.of(opportunity));

        assertEquals(Json.createObjectBuilder().add("externalOpportunityId", "OPP-1").add("leadId", 19)
                .add("role", "Buyer").add("isPrimary", true).build(), mapping.role(role).record());
        MObject byId = new MObject(MObject.OPPORTUNITY_PERSON_ROLE, null, null,
                List.of(new Attrib("OpportunityId", "64"), new Attrib("PersonId", "19"), new Attrib("Role", "Buyer")),
                List.of(), List.of());
        assertTrue(mapping.role(byId).gap().contains("SOAP id (64)"));
        MObject noRole = new MObject(MObject.OPPORTUNITY_PERSON_ROLE, null, null, List.of(new Attrib("PersonId", "19")),
                List.of(), List.of(opportunity));
        assertTrue(mapping.role(noRole).gap().startsWith("Marketo's REST API needs Role"));
        MObject notBoolean = new MObject(MObject.OPPORTUNITY_PERSON_ROLE, null, null,
                List.of(new Attrib("PersonId", "19"), new Attrib("Role", "Buyer"), new Attrib("IsPrimary", "yes please")),
                List.of(), List.of(opportunity));
        assertEquals("OpportunityPersonRole attribute 'IsPrimary' is field 'isPrimary' of type boolean in this Marketo "
                + "instance: 'yes please' is not a value of that type", mapping.role(notBoolean).gap());
    }

    @Test
    void costsAreAppendedAsWholeNumbersFromTheFirstOfTheMonth() {
        RestMapping.ProgramUpdate update = mapping.program(program(cost("2013-06", "2000", null), tag("Region", "EMEA")));

        assertNull(update.gap());
        assertEquals("[{\"startDate\":\"2013-06-01\",\"cost\":2000}]", update.costs().toString());
        assertEquals(List.of(new Attrib("Region", "EMEA")), update.tags());
    }

    @Test
    void skippedIsWhatTheOperationAskedForOnlyForItsOwnReasons() {
        MObject o = opportunity(null, "K", List.of(), List.of());
        JsonObject exists = skipped("1017", "Object already exists");
        JsonObject missing = skipped("1013", "Object not found");

        assertEquals(SyncStatus.SKIPPED, RestMapping.status(SyncOperation.INSERT, o, exists).status());
        assertEquals(SyncStatus.FAILED, RestMapping.status(SyncOperation.UPDATE, o, exists).status());
        assertEquals(SyncStatus.SKIPPED, RestMapping.status(SyncOperation.UPDATE, o, missing).status());
        ObjectStatus invalid = RestMapping.status(SyncOperation.UPSERT, o, skipped("1006", "Field 'colour' not found"));
        assertEquals(SyncStatus.FAILED, invalid.status());
        assertEquals("1006 - Field 'colour' not found", invalid.error());
        ObjectStatus created = RestMapping.status(SyncOperation.UPSERT, o,
                Json.createObjectBuilder().add("seq", 0).add("status", "created").add("marketoGUID", "g-1").build());
        assertEquals(new ObjectStatus(SyncStatus.CREATED, null, new Attrib("ext", "K"), null, "g-1"), created);
    }

    @Test
    void operationsBecomeActions() {
        assertEquals("createOnly", RestMapping.action(SyncOperation.INSERT));
        assertEquals("updateOnly", RestMapping.action(SyncOperation.UPDATE));
        assertEquals("createOrUpdate", RestMapping.action(SyncOperation.UPSERT));
    }

    private static JsonObject skipped(String code, String message) {
        return Json.createObjectBuilder().add("seq", 0).add("status", "skipped")
                .add("reasons", Json.createArrayBuilder().add(Json.createObjectBuilder().add("code", code).add("message", message)))
                .build();
    }
}
