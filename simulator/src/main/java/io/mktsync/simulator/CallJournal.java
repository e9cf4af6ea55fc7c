package io.mktsync.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Every call the simulator received, for tests and curious operators: {@code GET /simulator/control/calls}. */
@ApplicationScoped
public class CallJournal {

    /**
     * One call: the mktows operation, its syncMObjects operation and object types in order, and how
     * it was answered ({@code OK}, a Marketo code, or {@code HTTP nnn}).
     */
    public record Call(long at, String operation, String syncOperation, List<String> types, String answer) {
    }

    private final List<Call> calls = new ArrayList<>();

    public synchronized void record(String operation, String syncOperation, List<String> types, String answer) {
        calls.add(new Call(System.currentTimeMillis(), operation, syncOperation, types, answer));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clear() {
        calls.clear();
    }
}
