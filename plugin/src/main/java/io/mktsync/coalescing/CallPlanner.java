package io.mktsync.coalescing;

import io.mktsync.marketo.CallGroup;
import io.mktsync.request.SyncOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs waiting objects, in arrival order, into rounds of {@code syncMObjects} calls.
 * Calls of one round are independent and may run at once; an object goes into the round after the
 * last one holding an object it meets ({@link OrderingKeys}), so ordered objects are never reordered.
 * Within its round an object joins the open call of its operation and call group (and, without
 * coalescing, of its own request) while the call has room for the group. A request whose objects fill more than one call keeps its own
 * order: its next call goes into a later round, never beside its previous one.
 *
 * @param <T> what the caller tracks per object
 */
public final class CallPlanner<T> {

    /** One object to place: its request (arrival position), operation, call group and ordering keys. */
    public record Item<T>(int request, SyncOperation operation, CallGroup group, OrderingKeys keys, T value) {
    }

    /** One planned call: an operation and at most its group's number of objects. */
    public record Call<T>(SyncOperation operation, CallGroup group, List<T> objects) {

        public boolean full() {
            return objects.size() >= group.maxObjects();
        }
    }

    private final boolean coalesce;

    public CallPlanner(boolean coalesce) {
        this.coalesce = coalesce;
    }

    public List<List<Call<T>>> plan(List<Item<T>> items) {
        return plan(List.of(), items);
    }

    /**
     * Plans {@code items} after {@code blocked}: objects that cannot go now (already in a call, or
     * waiting for their own request's next attempt). They hold round 0 without being planned, so
     * whatever meets them, and the rest of their requests, goes into a later round.
     */
    public List<List<Call<T>>> plan(List<Item<T>> blocked, List<Item<T>> items) {
        List<List<Call<T>>> rounds = new ArrayList<>();
        // Open calls per round, by operation and group (and request when not coalescing).
        List<Map<Object, Call<T>>> open = new ArrayList<>();
        // The latest round that wrote, or read, each key so far.
        Map<String, Integer> written = new HashMap<>();
        Map<String, Integer> read = new HashMap<>();
        // Each request's latest call and its round.
        Map<Integer, Call<T>> lastCall = new HashMap<>();
        Map<Integer, Integer> lastRound = new HashMap<>();
        if (!blocked.isEmpty()) {
            rounds.add(new ArrayList<>());
            open.add(new HashMap<>());
            Call<T> elsewhere = new Call<>(null, null, List.of());
            for (Item<T> b : blocked) {
                b.keys().writes().forEach(w -> written.put(w, 0));
                b.keys().reads().forEach(r -> read.put(r, 0));
                lastCall.put(b.request(), elsewhere);
                lastRound.put(b.request(), 0);
            }
        }
        for (Item<T> item : items) {
            int round = 0;
            for (String w : item.keys().writes()) {
                round = Math.max(round, Math.max(written.getOrDefault(w, -1), read.getOrDefault(w, -1)) + 1);
            }
            for (String r : item.keys().reads()) {
                round = Math.max(round, written.getOrDefault(r, -1) + 1);
            }
            Object slot = coalesce ? List.of(item.operation(), item.group())
                    : List.of(item.operation(), item.group(), item.request());
            int maxPerCall = item.group().maxObjects();
            int own = lastRound.getOrDefault(item.request(), -1);
            if (round <= own) {
                Call<T> previous = lastCall.get(item.request());
                boolean fits = previous == open.get(own).get(slot) && previous.objects().size() < maxPerCall;
                round = fits ? own : own + 1;
            }
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
                open.add(new HashMap<>());
            }
            Call<T> call = open.get(round).get(slot);
            if (call == null || call.objects().size() >= maxPerCall) {
                call = new Call<>(item.operation(), item.group(), new ArrayList<>());
                rounds.get(round).add(call);
                open.get(round).put(slot, call);
            }
            call.objects().add(item.value());
            lastCall.put(item.request(), call);
            lastRound.put(item.request(), round);
            int placed = round;
            item.keys().writes().forEach(w -> written.merge(w, placed, Math::max));
            item.keys().reads().forEach(r -> read.merge(r, placed, Math::max));
        }
        return rounds;
    }
}
