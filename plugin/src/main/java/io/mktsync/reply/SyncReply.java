package io.mktsync.reply;

import io.mktsync.request.Problem;
import java.util.List;

/** What the sender of a request gets back: per-object statuses in request order, or the problems. */
public record SyncReply(Outcome outcome, List<ObjectStatus> statuses, List<Problem> problems) {

    public SyncReply {
        statuses = List.copyOf(statuses);
        problems = List.copyOf(problems);
    }

    public static SyncReply of(List<ObjectStatus> statuses) {
        long failed = statuses.stream().filter(s -> s.status() == SyncStatus.FAILED).count();
        Outcome outcome = failed == 0 ? Outcome.SUCCEEDED : failed == statuses.size() ? Outcome.FAILED : Outcome.PARTIAL;
        return new SyncReply(outcome, statuses, List.of());
    }

    /**
     * The request was given up: FAILED, or PARTIAL when earlier deliveries had applied some of its
     * objects (their statuses stand); also FAILED when none of its objects could even be read.
     */
    public static SyncReply givenUp(List<ObjectStatus> statuses) {
        boolean someApplied = statuses.stream().anyMatch(s -> s.status() != SyncStatus.FAILED);
        return new SyncReply(someApplied ? Outcome.PARTIAL : Outcome.FAILED, statuses, List.of());
    }

    public static SyncReply rejected(List<Problem> problems) {
        return new SyncReply(Outcome.REJECTED, List.of(), problems);
    }

    public int count(SyncStatus status) {
        return (int) statuses.stream().filter(s -> s.status() == status).count();
    }
}
