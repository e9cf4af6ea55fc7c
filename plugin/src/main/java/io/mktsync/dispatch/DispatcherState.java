package io.mktsync.dispatch;

import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.limits.CallLimiter;
import io.mktsync.request.Jsonp;
import io.mktsync.resilience.Hold;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the dispatching node sees, the cluster's state: the hold on Marketo calls, the circuit, the
 * rate-limit back-off, the limiter's figures (the cluster's, as only this node calls Marketo), the
 * backlog and how full calls were. In JSON for the nodes that share the store (SharedState).
 *
 * @param circuitBreaker the breaker's state, or NOT_USED_YET
 */
public record DispatcherState(Optional<Hold> hold, String circuitBreaker, Optional<Instant> rateLimitedUntil,
                              CallLimiter.Usage limits, Optional<Hold> budgetHold, Dispatcher.Backlog backlog,
                              CoalescingStats.Figures synced) {

    public String toJson() {
        JsonObjectBuilder json = Jsonp.PROVIDER.createObjectBuilder().add("circuitBreaker", circuitBreaker);
        hold.ifPresent(h -> json.add("hold", hold(h)));
        rateLimitedUntil.ifPresent(t -> json.add("rateLimitedUntil", t.toString()));
        json.add("limits", Jsonp.PROVIDER.createObjectBuilder()
                .add("inFlight", limits.inFlight()).add("concurrency", limits.concurrency())
                .add("inWindow", limits.inWindow()).add("callsPerWindow", limits.callsPerWindow())
                .add("windowMs", limits.windowMs()).add("usedToday", limits.usedToday())
                .add("dailyBudget", limits.dailyBudget()).add("waiting", limits.waiting()));
        budgetHold.ifPresent(h -> json.add("budgetHold", hold(h)));
        JsonObjectBuilder why = Jsonp.PROVIDER.createObjectBuilder();
        backlog.why().forEach(why::add);
        json.add("backlog", Jsonp.PROVIDER.createObjectBuilder().add("waiting", backlog.waiting()).add("why", why));
        json.add("synced", Jsonp.PROVIDER.createObjectBuilder().add("requests", synced.requests())
                .add("calls", synced.calls()).add("objects", synced.objects()));
        return json.build().toString();
    }

    public static DispatcherState fromJson(String text) {
        JsonObject json;
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        JsonObject l = json.getJsonObject("limits");
        JsonObject b = json.getJsonObject("backlog");
        Map<String, Integer> why = new TreeMap<>();
        b.getJsonObject("why").forEach((k, v) -> why.put(k, ((JsonNumber) v).intValue()));
        JsonObject s = json.getJsonObject("synced");
        return new DispatcherState(hold(json, "hold"), json.getString("circuitBreaker"),
                Optional.ofNullable(json.getString("rateLimitedUntil", null)).map(Instant::parse),
                new CallLimiter.Usage(l.getInt("inFlight"), l.getInt("concurrency"), l.getInt("inWindow"),
                        l.getInt("callsPerWindow"), l.getJsonNumber("windowMs").longValue(), l.getInt("usedToday"),
                        l.getInt("dailyBudget"), l.getInt("waiting")),
                hold(json, "budgetHold"), new Dispatcher.Backlog(b.getInt("waiting"), Map.copyOf(why)),
                CoalescingStats.Figures.of(s.getJsonNumber("requests").longValue(), s.getJsonNumber("calls").longValue(),
                        s.getJsonNumber("objects").longValue()));
    }

    private static JsonObjectBuilder hold(Hold h) {
        JsonObjectBuilder json = Jsonp.PROVIDER.createObjectBuilder().add("kind", h.kind().name())
                .add("reason", h.reason()).add("since", h.since().toString());
        if (h.until() != null) {
            json.add("until", h.until().toString());
        }
        if (h.nextTrial() != null) {
            json.add("nextTrial", h.nextTrial().toString());
        }
        return json;
    }

    private static Optional<Hold> hold(JsonObject json, String name) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject h = v.asJsonObject();
        return Optional.of(new Hold(Hold.Kind.valueOf(h.getString("kind")), h.getString("reason"),
                Instant.parse(h.getString("since")), instant(h, "until"), instant(h, "nextTrial")));
    }

    private static Instant instant(JsonObject json, String name) {
        String text = json.getString(name, null);
        return text == null ? null : Instant.parse(text);
    }
}
