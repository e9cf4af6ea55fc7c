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
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestMappingTest {

    private final RestMapping mapping = new RestMapping(300, Map.of("LeadSource", "source"));

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
    void anOpportunityBecomesARecordByItsKeyWithRestFieldNames() {
        RestMapping.Mapped mapped = mapping.opportunity(opportunity(null, "OPP-1",
                List.of(new Attrib("Name", "n"), new Attrib("LeadSource", "web"), new Attrib("CloseDate", "2026-12-01")),
                List.of(new Association("Company", null, new Attrib("ext", "C-7")))));

        assertEquals(Json.createObjectBuilder().add("externalOpportunityId", "OPP-1").add("externalCompanyId", "C-7")
                .add("name", "n").add("source", "web").add("closeDate", "2026-12-01").build(), mapped.record());
    }

    @Test
    void whatRestCannotExpressIsAGapWithItsReason() {
        assertTrue(mapping.opportunity(opportunity(5, null, List.of(), List.of())).gap().contains("SOAP id (5)"));
        assertTrue(mapping.opportunity(opportunity(null, null, List.of(), List.of())).gap()
                .contains("only with its externalOpportunityId"));
        assertTrue(mapping.opportunity(opportunity(null, "K", List.of(), List.of(new Association("Company", 3, null))))
                .gap().contains("not by id (3)"));
        assertEquals(RestMapping.CHANNEL, RestMapping.program(program(new TypeAttrib("Tag",
                List.of(new Attrib("Type", "Channel"), new Attrib("Value", "Webinar"))))).gap());
        assertTrue(RestMapping.program(program(cost("2026-11", "10", "153"))).gap().contains("(Id 153)"));
        assertTrue(RestMapping.program(program(cost("2026-11", "501.50", null))).gap().contains("'501.50'"));
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
    }

    @Test
    void costsAreAppendedAsWholeNumbersFromTheFirstOfTheMonth() {
        RestMapping.ProgramUpdate update = RestMapping.program(program(cost("2013-06", "2000", null),
                new TypeAttrib("Tag", List.of(new Attrib("Type", "Region"), new Attrib("Value", "EMEA")))));

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
