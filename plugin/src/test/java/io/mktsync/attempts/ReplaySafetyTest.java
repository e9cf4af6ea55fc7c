package io.mktsync.attempts;

import static io.mktsync.attempts.ReplaySafety.DO_NOT_RESEND;
import static io.mktsync.attempts.ReplaySafety.LOOK_UP_FIRST;
import static io.mktsync.attempts.ReplaySafety.RESEND;
import static io.mktsync.request.SyncOperation.INSERT;
import static io.mktsync.request.SyncOperation.UPDATE;
import static io.mktsync.request.SyncOperation.UPSERT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.TypeAttrib;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySafetyTest {

    private static final Attrib KEY = new Attrib("extOpportunityId", "O-1");

    private static MObject opportunity(Integer id, Attrib key) {
        return new MObject("Opportunity", id, key, List.of(), List.of(), List.of());
    }

    private static MObject role(Integer id) {
        return new MObject("OpportunityPersonRole", id, null,
                List.of(new Attrib("OpportunityId", "64"), new Attrib("PersonId", "19")), List.of(), List.of());
    }

    private static MObject program(List<Attrib> cost) {
        return new MObject("Program", 1970, null, List.of(), List.of(new TypeAttrib("Cost", cost)), List.of());
    }

    @Test
    void anInsertByExternalKeyOrByRoleEndsIsLookedUpFirst() {
        assertEquals(LOOK_UP_FIRST, ReplaySafety.of(INSERT, opportunity(null, KEY)));
        assertEquals(LOOK_UP_FIRST, ReplaySafety.of(INSERT, role(null)), "by its opportunity and person ids");
    }

    @Test
    void whatCannotCreateTwiceIsResent() {
        assertEquals(RESEND, ReplaySafety.of(UPSERT, opportunity(null, KEY)), "UPSERT finds its key");
        assertEquals(RESEND, ReplaySafety.of(UPSERT, opportunity(41, null)));
        assertEquals(RESEND, ReplaySafety.of(INSERT, opportunity(41, null)), "INSERT skips an existing id");
        assertEquals(RESEND, ReplaySafety.of(UPDATE, role(null)), "UPDATE never creates");
        assertEquals(RESEND, ReplaySafety.of(UPDATE, program(List.of(new Attrib("Month", "2013-06"),
                new Attrib("Amount", "1"), new Attrib("Id", "153")))), "a cost with its Id is updated in place");
    }

    @Test
    void whatWouldCreateAgainUncheckedIsNotResent() {
        assertEquals(DO_NOT_RESEND, ReplaySafety.of(INSERT, opportunity(null, null)));
        assertEquals(DO_NOT_RESEND, ReplaySafety.of(UPSERT, opportunity(null, null)));
        assertEquals(DO_NOT_RESEND, ReplaySafety.of(UPSERT, role(null)), "UPSERT keys on id: it would add another");
        MObject roleByKeys = new MObject("OpportunityPersonRole", null, null, List.of(), List.of(),
                List.of(new Association("Opportunity", null, KEY), new Association("Lead", 19, null)));
        assertEquals(DO_NOT_RESEND, ReplaySafety.of(INSERT, roleByKeys), "an opportunity by key cannot be looked up here");
        assertEquals(DO_NOT_RESEND, ReplaySafety.of(UPDATE, program(List.of(new Attrib("Month", "2013-06"),
                new Attrib("Amount", "1")))), "a cost without Id is added again");
    }
}
