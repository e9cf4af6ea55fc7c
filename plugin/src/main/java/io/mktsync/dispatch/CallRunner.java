package io.mktsync.dispatch;

import io.mktsync.attempts.AttemptGuard;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.attempts.Synced;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.LogSafe;
import io.mktsync.request.SyncOperation;
import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.MarketoAccess;
import io.mktsync.store.StoreException;
import io.mktsync.tracing.RequestTraces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Runs one planned call to its outcome. When Marketo refuses it as a whole, or handling it breaks on
 * something of one request's, the requests sharing it must not share that fate: the call is split in
 * halves by request and each half tried again, until the request at fault fails alone, with Marketo's
 * words (or, for a breakage, is parked), as if it had been sent alone.
 */
@ApplicationScoped
public class CallRunner {

    private static final Logger LOG = Logger.getLogger(CallRunner.class.getName());

    @Inject
    MarketoAccess marketo;

    @Inject
    AttemptGuard guard;

    @Inject
    RequestTraces traces;

    /** One object in a call: its request and its attempt. */
    record Slot(Pending request, ObjectAttempt attempt) {
    }

    /**
     * What a call came to: the failure that stopped it (after retries), if any; requests that broke
     * their own handling; the Marketo calls made and the objects they carried.
     */
    record Finished(List<Slot> slots, RuntimeException failure, Map<Pending, RuntimeException> broken, int calls,
                    int objectsSent, boolean trial) {
    }

    private static final class Tally {
        final Map<Pending, RuntimeException> broken = new IdentityHashMap<>();
        int calls;
        int objectsSent;
    }

    Finished run(SyncOperation operation, List<Slot> slots, boolean trial) {
        Tally tally = new Tally();
        RuntimeException failure = null;
        try {
            isolating(operation, slots, tally);
        } catch (RuntimeException e) {
            failure = e;
        }
        return new Finished(slots, failure, tally.broken, tally.calls, tally.objectsSent, trial);
    }

    private void isolating(SyncOperation operation, List<Slot> slots, Tally tally) {
        List<ObjectAttempt> objects = slots.stream().map(Slot::attempt).toList();
        try {
            Synced synced = traces.during(inCall(slots), () -> marketo.syncMObjects(operation, objects));
            tally.calls += synced.calls();
            tally.objectsSent += synced.objectsSent();
            if (synced.calls() > 0) {
                LOG.info(() -> String.format("syncMObjects %s: %d objects of %d requests in %d Marketo calls -> %s",
                        operation, synced.objectsSent(), requests(slots).size(), synced.calls(), summary(synced.statuses())));
            }
        } catch (RuntimeException e) {
            String refusal = e instanceof MarketoFaultException f ? f.describe() : null;
            if (refusal == null && !isRequestsOwn(e)) {
                throw e;
            }
            List<Pending> requests = requests(slots);
            String why = refusal != null ? refusal : e.getClass().getSimpleName();
            if (requests.size() == 1) {
                if (refusal != null) {
                    guard.done(objects, objects.stream().map(a -> ObjectStatus.failed(a.object(), refusal)).toList());
                } else {
                    tally.broken.put(requests.get(0), e);
                }
                LOG.info(() -> "syncMObjects " + operation + " of request " + LogSafe.of(requests.get(0).stored.envelope().requestId())
                        + " failed: " + LogSafe.of(why));
                return;
            }
            List<Pending> firstHalf = requests.subList(0, requests.size() / 2);
            LOG.info(() -> "syncMObjects " + operation + " of " + requests.size() + " requests failed (" + LogSafe.of(why)
                    + "); splitting it to isolate the request at fault");
            isolating(operation, slots.stream().filter(s -> firstHalf.contains(s.request())).toList(), tally);
            isolating(operation, slots.stream().filter(s -> !firstHalf.contains(s.request())).toList(), tally);
        }
    }

    /**
     * Whether a failure came from the request being handled rather than from Marketo, the waiting
     * machinery, the store or the plugin stopping: those are every request's.
     */
    static boolean isRequestsOwn(RuntimeException e) {
        return !(e instanceof MarketoException || e instanceof HeldException || e instanceof FaultToleranceException
                || e instanceof StoreException || e instanceof ContextNotActiveException
                || e instanceof RejectedExecutionException);
    }

    /** Each request of the call with its objects in it, for the traces of its exchanges. */
    private static List<RequestTraces.InCall> inCall(List<Slot> slots) {
        Map<Pending, Integer> objects = new LinkedHashMap<>();
        slots.forEach(s -> objects.merge(s.request(), 1, Integer::sum));
        return objects.entrySet().stream()
                .filter(o -> o.getKey().stored.envelope().traceParent() != null)
                .map(o -> new RequestTraces.InCall(o.getKey().stored.envelope().traceParent(), o.getValue())).toList();
    }

    private static List<Pending> requests(List<Slot> slots) {
        List<Pending> requests = new ArrayList<>();
        for (Slot s : slots) {
            if (!requests.contains(s.request())) {
                requests.add(s.request());
            }
        }
        return requests;
    }

    private static String summary(List<ObjectStatus> statuses) {
        Map<SyncStatus, Integer> counts = new EnumMap<>(SyncStatus.class);
        statuses.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        return counts.toString();
    }
}
