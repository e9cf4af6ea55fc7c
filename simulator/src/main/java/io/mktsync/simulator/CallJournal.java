package io.mktsync.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Every call the simulator received, for tests and curious operators: {@code GET /simulator/control/calls}. */
@ApplicationScoped
public class CallJournal {

    /**
     * One call: when it was answered and when it was received (epoch ms: a caller killed mid-call
     * still has its call answered, so only the latter says when calls began again), how many calls
     * were in progress as it began (itself included), the mktows operation, its syncMObjects
     * operation, object types and identities ({@code id:5}, {@code key:OPP-1} or {@code ?}) in order,
     * and how it was answered ({@code OK}, a Marketo code, or {@code HTTP nnn}).
     */
    public record Call(long at, long received, int inFlight, String operation, String syncOperation, List<String> types,
                       List<String> objects, String answer) {
    }

    private final List<Call> calls = new ArrayList<>();

    public synchronized void record(long received, int inFlight, String operation, String syncOperation,
                                    List<SyncedObject> objects, String answer) {
        calls.add(new Call(System.currentTimeMillis(), received, inFlight, operation, syncOperation,
                objects.stream().map(o -> String.valueOf(o.type)).toList(),
                objects.stream().map(o -> o.id != null ? "id:" + o.id : o.externalKeyValue != null ? "key:" + o.externalKeyValue : "?").toList(),
                answer));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        calls.clear();
    }
}
