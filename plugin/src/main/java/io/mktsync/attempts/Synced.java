package io.mktsync.attempts;

import io.mktsync.reply.ObjectStatus;
import java.util.List;

/**
 * The statuses of the objects of one planned call, in its order, and what it took of Marketo:
 * {@code calls} Marketo calls for {@code objectsSent} objects. Both are 0 when every object was
 * answered without Marketo (done before, found by a lookup, or failed before any call).
 */
public record Synced(List<ObjectStatus> statuses, int calls, int objectsSent) {
}
