package io.mktsync.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A program's period costs (by cost id) and tags (value by tag type). */
public class Program {

    public final int id;
    public final Map<Integer, Cost> costs = new LinkedHashMap<>();
    public final Map<String, String> tags = new LinkedHashMap<>();

    public record Cost(int id, String month, String amount, String note) {
    }

    Program(int id) {
        this.id = id;
    }
}
