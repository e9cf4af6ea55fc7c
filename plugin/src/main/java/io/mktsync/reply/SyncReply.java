package io.mktsync.reply;

import io.mktsync.request.Problem;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * The {@code marketoGUID} of each status, in order, comma-separated, empty for a status without
     * one ({@code ,8d4d80e8-…,}); null when no status has one. Carried in a JMS property because
     * Marketo's schema for the XML statuses has no place for it.
     */
    public String marketoGuids() {
        if (statuses.stream().allMatch(s -> s.marketoGuid() == null)) {
            return null;
        }
        return statuses.stream().map(s -> s.marketoGuid() == null ? "" : s.marketoGuid()).collect(Collectors.joining(","));
    }

    public int count(SyncStatus status) {
        return (int) statuses.stream().filter(s -> s.status() == status).count();
    }
}
