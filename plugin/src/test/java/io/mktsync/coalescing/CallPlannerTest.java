package io.mktsync.coalescing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mktsync.marketo.CallGroup;
import io.mktsync.request.Association;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallPlannerTest {

    private static final CallGroup GROUP = new CallGroup("syncMObjects", 100);

    private static MObject opportunity(Integer id, String key) {
        return new MObject(MObject.OPPORTUNITY, id, key == null ? null : new Attrib("externalKey", key),
                List.of(new Attrib("Amount", "1")), List.of(), List.of());
    }

    private static MObject role(String opportunityKey, int person) {
        return new MObject(MObject.OPPORTUNITY_PERSON_ROLE, null, null, List.of(new Attrib("PersonId", "" + person)),
                List.of(), List.of(new Association(MObject.OPPORTUNITY, null, new Attrib("externalKey", opportunityKey))));
    }

    private static List<CallPlanner.Item<String>> items(SyncOperation operation, MObject... objects) {
        List<CallPlanner.Item<String>> items = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            items.add(new CallPlanner.Item<>(i, operation, GROUP, OrderingKeys.of(objects[i]), "o" + i));
        }
        return items;
    }

    @Test
    void oneObjectRequestsFillFullCalls() {
        MObject[] objects = IntStream.range(0, 250).mapToObj(i -> opportunity(null, "K" + i)).toArray(MObject[]::new);
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items(SyncOperation.INSERT, objects));
        assertEquals(1, rounds.size());
        assertEquals(List.of(100, 100, 50), rounds.get(0).stream().map(c -> c.objects().size()).toList());
    }

    @Test
    void aLargeRequestKeepsItsOwnOrderInSuccessiveRounds() {
        List<CallPlanner.Item<String>> items = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            items.add(new CallPlanner.Item<>(0, SyncOperation.UPSERT, GROUP, OrderingKeys.of(opportunity(null, "L" + i)), "L" + i));
        }
        items.add(new CallPlanner.Item<>(1, SyncOperation.UPSERT, GROUP, OrderingKeys.of(opportunity(null, "S")), "S"));
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items);
        assertEquals(List.of(List.of(100, 1), List.of(100), List.of(50)),
                rounds.stream().map(r -> r.stream().map(c -> c.objects().size()).toList()).toList());
        assertEquals("L0", rounds.get(0).get(0).objects().get(0));
        assertEquals("L249", rounds.get(2).get(0).objects().get(49));
    }

    @Test
    void withoutCoalescingEachRequestHasItsOwnCalls() {
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(false)
                .plan(items(SyncOperation.INSERT, opportunity(null, "A"), opportunity(null, "B")));
        assertEquals(2, rounds.get(0).size());
    }

    @Test
    void operationsAreNeverMixedInOneCall() {
        List<CallPlanner.Item<String>> items = new ArrayList<>(items(SyncOperation.INSERT, opportunity(null, "A")));
        items.add(new CallPlanner.Item<>(1, SyncOperation.UPDATE, GROUP, OrderingKeys.of(opportunity(7, null)), "u"));
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items);
        assertEquals(List.of(SyncOperation.INSERT, SyncOperation.UPDATE),
                rounds.get(0).stream().map(CallPlanner.Call::operation).toList());
    }

    @Test
    void theSameIdTwiceGoesInLaterRoundsInQueueOrder() {
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items(SyncOperation.UPDATE,
                opportunity(5, null), opportunity(6, null), opportunity(5, null), opportunity(5, null)));
        assertEquals(List.of(List.of("o0", "o1"), List.of("o2"), List.of("o3")),
                rounds.stream().map(r -> r.get(0).objects()).toList());
    }

    @Test
    void aRoleWaitsForItsOpportunityButRolesOfOneOpportunityShareACall() {
        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items(SyncOperation.UPSERT,
                role("X", 1), opportunity(null, "X"), role("X", 2), role("X", 3), opportunity(null, "Y")));
        // The first role came before the opportunity was written: it stays before it.
        assertEquals(List.of(List.of("o0", "o4"), List.of("o1"), List.of("o2", "o3")),
                rounds.stream().map(r -> r.get(0).objects()).toList());
    }

    @Test
    void objectsOfDifferentCallGroupsNeverShareACall() {
        CallGroup opportunities = new CallGroup("opportunities", 300);
        CallGroup program = new CallGroup("program", 1);
        List<CallPlanner.Item<String>> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(new CallPlanner.Item<>(i, SyncOperation.UPDATE, i % 2 == 0 ? opportunities : program,
                    OrderingKeys.of(opportunity(null, "K" + i)), "o" + i));
        }

        List<List<CallPlanner.Call<String>>> rounds = new CallPlanner<String>(true).plan(items);

        assertEquals(1, rounds.size());
        assertEquals(List.of(List.of("o0", "o2"), List.of("o1"), List.of("o3")),
                rounds.get(0).stream().map(CallPlanner.Call::objects).toList());
    }
}
