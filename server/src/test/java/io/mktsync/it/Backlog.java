package io.mktsync.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Requests made to wait in the store together, as a backlog does: sent while Marketo's daily quota
 * is spent (a hold), then let go at once with the quota back, and the hold's refused calls forgotten.
 */
public final class Backlog {

    private static final Set<String> QUOTA_SPENT = Set.of("20015", "607");

    private Backlog() {
    }

    /** From now on Marketo refuses every call with a spent quota: requests wait in the store. */
    public static void hold() {
        Simulator.faults("{\"quotaRemaining\":0}");
    }

    /** Once {@code requests} wait in the store, Marketo takes calls again and the hold ends. */
    public static void release(int requests) {
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting() == requests);
        Simulator.clearCalls();
        Simulator.faults("{\"quotaRemaining\":100000}");
        Plugin.resume();
    }

    /**
     * The calls that wrote objects since the release: a trial call the hold made just before it may
     * still be on the simulator's list, refused with the spent quota (20015, REST's 607); it is not counted.
     */
    public static List<JsonObject> calls() {
        return Simulator.syncCalls().stream().filter(c -> !QUOTA_SPENT.contains(c.getString("answer"))).toList();
    }

    /** How many requests wait in the store (readiness check {@code mktsync-backlog}). */
    public static int waiting() {
        return Plugin.check("mktsync-backlog").getJsonObject("data").getInt("requestsWaiting");
    }
}
