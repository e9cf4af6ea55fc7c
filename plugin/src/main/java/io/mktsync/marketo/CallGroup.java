package io.mktsync.marketo;

/**
 * Which objects a backend can send in one Marketo call, and how many: objects of one group (and one
 * operation) share calls; objects of different groups never do.
 */
public record CallGroup(String name, int maxObjects) {
}
