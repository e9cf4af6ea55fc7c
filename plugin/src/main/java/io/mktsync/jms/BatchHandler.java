package io.mktsync.jms;

import io.mktsync.attempts.AttemptGuard;
import io.mktsync.attempts.AttemptLog;
import io.mktsync.attempts.AttemptLogException;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.attempts.Synced;
import io.mktsync.coalescing.CallPlanner;
import io.mktsync.coalescing.CoalescingSettings;
import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.coalescing.OrderingKeys;
import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.CallGroup;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.LogSafe;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.MarketoAccess;
import io.mktsync.resilience.MarketoCalls;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Takes one delivery batch to its final outcome, in its JMS transaction: rejected requests are
 * answered and parked; the objects of the others are packed into rounds of calls
 * ({@link CallPlanner}), the calls of a round run at once, and each object's status goes back to
 * its own request, which is answered when all of its objects are done. Nothing is acknowledged
 * without a reply or a successor on the queue.
 *
 * <p>When a round cannot complete (a hold, the call limiter, an open circuit, Marketo failing after
 * retries, or the batch running past {@code mktsync.delivery.continue-after-ms}), no further round
 * starts, and every request not yet done goes back to the queue in order. Waiting is not failing: only
 * a request whose own objects were in a call that failed while the circuit was closed (Marketo not
 * known to be down) spends a delivery attempt, and after {@code mktsync.delivery.max-attempts} it
 * is given up, answered and dead-lettered.
 *
 * <p>Marketo calls are not transactional. What a crash leaves in doubt is settled per object by the
 * attempt log: an object done is not sent again, and one that may have been applied is resent only
 * where that cannot create a duplicate ({@link io.mktsync.attempts.ReplaySafety}).
 */
@ApplicationScoped
public class BatchHandler {

    private static final Logger LOG = Logger.getLogger(BatchHandler.class.getName());

    @Inject
    MarketoAccess marketo;

    @Inject
    AttemptLog attempts;

    @Inject
    AttemptGuard guard;

    @Inject
    ReplyPublisher replies;

    @Inject
    MessageForwarder forwarder;

    @Inject
    CoalescingSettings coalescing;

    @Inject
    CoalescingStats stats;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CallLimiter limiter;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;

    @Inject
    @ConfigProperty(name = "mktsync.delivery.continue-after-ms", defaultValue = "60000")
    long continueAfterMs;

    @Inject
    @ConfigProperty(name = "mktsync.outage.recheck-ms", defaultValue = "10000")
    long outageRecheckMs;

    private ExecutorService calls;

    @PostConstruct
    void start() {
        // More threads than permits would only wait for the limiter.
        calls = Executors.newFixedThreadPool(limiter.concurrency(), threads);
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }

    DeliveryBatch newBatch() {
        return new DeliveryBatch(coalescing.maxCalls(), marketo.maxObjectsPerCall(), coalescing.enabled());
    }

    /** A request of the batch being synced: its objects' attempts, and where each goes in the plan. */
    private record Syncing(ReceivedRequest received, List<Placement> placements, List<ObjectAttempt> objects) {
    }

    /** Where an object may go: calls of its group, in a round after every earlier object its keys meet. */
    private record Placement(CallGroup group, OrderingKeys keys) {
    }

    /** Why the batch stopped before its last round, for the requests that are not done. */
    private record Stop(WaitReason reason, String detail, long delayMs) {
    }

    /**
     * What one batch's calls left behind: failed calls' causes per object, requests that broke their
     * own processing, and the Marketo calls made and objects they carried.
     */
    private record Outcomes(Map<ObjectAttempt, RuntimeException> failures, Map<String, RuntimeException> poisoned,
                            AtomicInteger calls, AtomicInteger objectsSent, long start) {
    }

    /**
     * A call that failed while the circuit breaker was not closed: a trial of an outage already
     * known. The outage is not its requests' fault: they wait, and a long outage dead-letters nothing.
     */
    private static final class TrialFailed extends RuntimeException {
        TrialFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /**
     * Each request meets its own fate: whatever goes wrong while handling one (an input no check
     * foresaw, a status that cannot be written) answers that request FAILED and parks it; it never
     * rolls back, delays or dead-letters the requests delivered with it. Only what is no request's
     * doing (the broker, the attempt log's database) rolls the batch back.
     */
    public void handle(DeliveryBatch batch, JMSContext jms) throws JMSException {
        long start = System.nanoTime();
        Map<String, Syncing> toSync = new LinkedHashMap<>();
        for (ReceivedRequest r : batch.requests()) {
            try {
                admit(jms, r, toSync);
            } catch (RuntimeException e) {
                if (!isRequestsOwn(e)) {
                    throw e;
                }
                poisoned(jms, r, List.of(), e);
            }
        }
        if (toSync.isEmpty()) {
            return;
        }
        Map<String, List<MObject>> objects = new LinkedHashMap<>();
        toSync.forEach((id, s) -> objects.put(id, s.received().request().objects()));
        Map<String, List<ObjectAttempt>> known = attempts.open(objects);
        List<Syncing> syncing = toSync.values().stream()
                .map(s -> new Syncing(s.received(), s.placements(), known.get(s.received().id()))).toList();
        Outcomes outcomes = new Outcomes(new IdentityHashMap<>(), new ConcurrentHashMap<>(), new AtomicInteger(),
                new AtomicInteger(), start);
        Optional<Stop> stop = sync(syncing, outcomes);
        stats.synced(syncing.size(), outcomes.calls().get(), outcomes.objectsSent().get());
        for (Syncing s : syncing) {
            try {
                finish(jms, s, outcomes, stop);
            } catch (RuntimeException e) {
                if (!isRequestsOwn(e)) {
                    throw e;
                }
                poisoned(jms, s.received(), s.objects(), e);
            }
        }
    }

    /** Answers what needs no call (rejected, unreadable, a second copy); plans the objects of the rest. */
    private void admit(JMSContext jms, ReceivedRequest r, Map<String, Syncing> toSync) throws JMSException {
        if (r.rejection() != null) {
            replies.publish(jms, r, SyncReply.rejected(r.rejection().problems()), r.rejection().getMessage());
            forwarder.park(jms, r, r.rejection().getMessage());
        } else if (r.unreadable() != null) {
            poisoned(jms, r, List.of(), r.unreadable());
        } else if (toSync.containsKey(r.id())) {
            // The same request twice in one batch (a copy replayed by hand): the later copy waits.
            forwarder.postpone(jms, r, outageRecheckMs, WaitReason.SAME_REQUEST_IN_BATCH,
                    "the same request is in this batch already", false);
        } else {
            List<Placement> placements = r.request().objects().stream()
                    .map(o -> new Placement(marketo.callGroup(o), OrderingKeys.of(o))).toList();
            toSync.put(r.id(), new Syncing(r, placements, null));
        }
    }

    /**
     * Syncs the batch; empty when every round was run, else why the batch stopped. While the circuit
     * breaker is not closed, Marketo is known to be failing: the oldest request alone tries it, and
     * the others follow only if it goes through, so that a backlog is not sent to a Marketo that is
     * down.
     */
    private Optional<Stop> sync(List<Syncing> requests, Outcomes outcomes) {
        if (requests.size() > 1 && breakerState() != CircuitBreakerState.CLOSED) {
            Optional<Stop> trial = rounds(requests.subList(0, 1), outcomes);
            return trial.isPresent() ? trial : rounds(requests.subList(1, requests.size()), outcomes);
        }
        return rounds(requests, outcomes);
    }

    private Optional<Stop> rounds(List<Syncing> requests, Outcomes outcomes) {
        List<CallPlanner.Item<ObjectAttempt>> items = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            Syncing s = requests.get(r);
            SyncOperation operation = s.received().request().operation();
            for (ObjectAttempt a : s.objects()) {
                if (a.done().isEmpty()) {
                    Placement p = s.placements().get(a.index());
                    items.add(new CallPlanner.Item<>(r, operation, p.group(), p.keys(), a));
                }
            }
        }
        List<List<CallPlanner.Call<ObjectAttempt>>> rounds =
                new CallPlanner<ObjectAttempt>(coalescing.enabled()).plan(items);
        for (int round = 0; round < rounds.size(); round++) {
            if (round > 0 && elapsedMs(outcomes.start()) > continueAfterMs) {
                return Optional.of(new Stop(WaitReason.LONG_BATCH, "continues in a new delivery after " + round + " of "
                        + rounds.size() + " rounds of calls", 0));
            }
            boolean trial = breakerState() != CircuitBreakerState.CLOSED;
            List<Future<?>> running = new ArrayList<>();
            for (CallPlanner.Call<ObjectAttempt> call : rounds.get(round)) {
                // A request that broke in an earlier round sends nothing more.
                List<ObjectAttempt> objects = call.objects().stream()
                        .filter(a -> !outcomes.poisoned().containsKey(a.requestId())).toList();
                running.add(calls.submit(() -> {
                    if (!objects.isEmpty()) {
                        isolating(call.operation(), objects, outcomes);
                    }
                }));
            }
            RuntimeException first = null;
            for (int i = 0; i < running.size(); i++) {
                RuntimeException failure = outcome(running.get(i));
                RuntimeException e = trial && failure != null && !(failure instanceof HeldException)
                        ? new TrialFailed(failure) : failure;
                if (e != null) {
                    rounds.get(round).get(i).objects().stream().filter(a -> a.done().isEmpty())
                            .forEach(a -> outcomes.failures().put(a, e));
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                return Optional.of(waitFor(first));
            }
        }
        return Optional.empty();
    }

    /**
     * One planned call. When Marketo refuses it as a whole, or handling it breaks on something of one
     * request's, the requests sharing it must not share that fate: the call is split in halves by
     * request and each half tried again, until the request at fault fails alone, with Marketo's words
     * (or, for a breakage, is answered FAILED and parked), as if it had been sent alone.
     */
    private void isolating(SyncOperation operation, List<ObjectAttempt> objects, Outcomes outcomes) {
        try {
            Synced synced = marketo.syncMObjects(operation, objects);
            outcomes.calls().addAndGet(synced.calls());
            outcomes.objectsSent().addAndGet(synced.objectsSent());
            if (synced.calls() > 0) {
                LOG.info(() -> String.format("syncMObjects %s: %d objects of %d requests in %d Marketo calls -> %s",
                        operation, synced.objectsSent(), objects.stream().map(ObjectAttempt::requestId).distinct().count(),
                        synced.calls(), summary(synced.statuses())));
            }
        } catch (RuntimeException e) {
            String refusal = e instanceof MarketoFaultException f ? f.describe() : null;
            if (refusal == null && !isRequestsOwn(e)) {
                throw e;
            }
            List<String> requests = objects.stream().map(ObjectAttempt::requestId).distinct().toList();
            String why = refusal != null ? refusal : e.getClass().getSimpleName();
            if (requests.size() == 1) {
                if (refusal != null) {
                    guard.done(objects, objects.stream().map(a -> ObjectStatus.failed(a.object(), refusal)).toList());
                } else {
                    outcomes.poisoned().put(requests.get(0), e);
                }
                LOG.info(() -> "syncMObjects " + operation + " of request " + requests.get(0) + " failed: " + LogSafe.of(why));
                return;
            }
            List<String> firstHalf = requests.subList(0, requests.size() / 2);
            LOG.info(() -> "syncMObjects " + operation + " of " + requests.size() + " requests failed (" + LogSafe.of(why)
                    + "); splitting it to isolate the request at fault");
            isolating(operation, objects.stream().filter(a -> firstHalf.contains(a.requestId())).toList(), outcomes);
            isolating(operation, objects.stream().filter(a -> !firstHalf.contains(a.requestId())).toList(), outcomes);
        }
    }

    /**
     * Whether a failure came from the request being handled rather than from Marketo, the waiting
     * machinery, the database or the plugin stopping: those are every request's, and keep today's paths.
     */
    private boolean isRequestsOwn(RuntimeException e) {
        return !(e instanceof MarketoException || e instanceof HeldException || e instanceof FaultToleranceException
                || e instanceof TrialFailed || e instanceof AttemptLogException || e instanceof ContextNotActiveException
                || e instanceof RejectedExecutionException || e instanceof CancellationException || calls.isShutdown());
    }

    private CircuitBreakerState breakerState() {
        return MarketoCalls.breakerState(breakers).orElse(CircuitBreakerState.CLOSED);
    }

    private static String summary(List<ObjectStatus> statuses) {
        Map<SyncStatus, Integer> counts = new EnumMap<>(SyncStatus.class);
        statuses.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
        return counts.toString();
    }

    private static RuntimeException outcome(Future<?> call) {
        try {
            call.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CancellationException("interrupted while waiting for a Marketo call");
        }
    }

    /** How a request that was not reached, or met only a hold, waits for what stopped the batch. */
    private Stop waitFor(RuntimeException e) {
        if (e instanceof HeldException h) {
            return new Stop(WaitReason.of(h.hold()), h.getMessage(), h.waitMs());
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new Stop(WaitReason.CIRCUIT_OPEN, "the Marketo circuit breaker is open", outageRecheckMs);
        }
        if (e instanceof TrialFailed t) {
            return new Stop(WaitReason.CIRCUIT_OPEN, "Marketo still fails (" + describe((RuntimeException) t.getCause())
                    + "); the circuit breaker stays open", outageRecheckMs);
        }
        return new Stop(WaitReason.MARKETO_FAILED, "Marketo failed: " + describe(e), outageRecheckMs);
    }

    private void finish(JMSContext jms, Syncing s, Outcomes outcomes, Optional<Stop> stop) throws JMSException {
        ReceivedRequest r = s.received();
        RuntimeException broke = outcomes.poisoned().get(r.id());
        if (broke != null) {
            poisoned(jms, r, s.objects(), broke);
            return;
        }
        List<ObjectAttempt> pending = s.objects().stream().filter(a -> a.done().isEmpty()).toList();
        if (pending.isEmpty()) {
            SyncReply reply = SyncReply.of(s.objects().stream().map(a -> a.done().get()).toList());
            replies.publish(jms, r, reply, null);
            LOG.fine(() -> String.format("Request %s: %s of %d objects -> %s (%d ms)", r.id(), r.request().operation(),
                    reply.statuses().size(), reply.outcome(), elapsedMs(outcomes.start())));
            return;
        }
        // Its own failure: an object of it was sent in this delivery, in a call that failed other than by
        // waiting. A breaker that opened during its retries says Marketo is down for everyone: it waits.
        Optional<RuntimeException> own = pending.stream().filter(ObjectAttempt::sentInThisDelivery)
                .map(outcomes.failures()::get)
                .filter(e -> e != null && !(e instanceof HeldException) && !(e instanceof TrialFailed)
                        && !(e instanceof CircuitBreakerOpenException))
                .findFirst();
        if (own.isPresent()) {
            failed(jms, r, s.objects(), describe(own.get()));
            return;
        }
        // Its own call's reason to wait, or else what stopped the batch before its objects' round.
        Stop why = pending.stream().map(outcomes.failures()::get).filter(e -> e != null).findFirst()
                .map(this::waitFor).orElseGet(stop::orElseThrow);
        forwarder.postpone(jms, r, why.delayMs(), why.reason(), why.detail(), false);
        LOG.fine(() -> "Request " + r.id() + " waits " + why.delayMs() + " ms (" + why.reason() + "): " + LogSafe.of(why.detail()));
    }

    /** A delivery of this request failed: it is tried again later, or given up after the last attempt. */
    private void failed(JMSContext jms, ReceivedRequest r, List<ObjectAttempt> objects, String reason) throws JMSException {
        int delivery = r.failedDeliveriesBefore() + 1;
        if (delivery < maxAttempts) {
            long delay = Math.min(60_000, retryDelayMs << Math.min(delivery - 1, 10));
            forwarder.postpone(jms, r, delay, WaitReason.FAILED_DELIVERY,
                    "delivery " + delivery + " of " + maxAttempts + " failed: " + reason, true);
            LOG.warning(() -> "Request " + r.id() + " delivery " + delivery + " of " + maxAttempts
                    + " failed, tried again in " + delay + " ms: " + LogSafe.of(reason));
            return;
        }
        String error = "not applied after " + delivery + " deliveries: " + reason;
        List<ObjectStatus> known = objects.stream()
                .map(a -> a.done().orElseGet(() -> ObjectStatus.failed(a.object(), error))).toList();
        replies.publish(jms, r, SyncReply.givenUp(known), error);
        forwarder.deadLetter(jms, r, error, delivery);
        LOG.severe(() -> "Request " + r.id() + " dead-lettered: " + LogSafe.of(error));
    }

    /**
     * Handling this request broke on something of its own: it is answered FAILED (what was applied
     * stands) and parked for an operator, and nothing else of the batch is touched. The reply names
     * the kind of failure only; the log has the rest.
     */
    private void poisoned(JMSContext jms, ReceivedRequest r, List<ObjectAttempt> objects, RuntimeException e) throws JMSException {
        String error = "mktsync could not process this request (" + e.getClass().getSimpleName()
                + "); it is kept in SyncRequestsParked for an operator";
        LOG.warning(() -> "Request " + r.id() + " could not be processed and is parked: " + LogSafe.of(e));
        LOG.log(Level.FINE, "Request " + r.id() + " could not be processed", e);
        List<ObjectStatus> statuses = objects.stream()
                .map(a -> a.done().orElseGet(() -> ObjectStatus.failed(a.object(), error))).toList();
        SyncReply reply = SyncReply.givenUp(statuses);
        try {
            replies.publish(jms, r, reply, error);
        } catch (RuntimeException unwritable) {
            // The statuses themselves could not be written (they echo the request's keys): say so without them.
            replies.publish(jms, r, SyncReply.givenUp(List.of()), error);
        }
        forwarder.park(jms, r, error);
    }

    private static String describe(RuntimeException e) {
        return e instanceof MarketoException m ? m.describe() : e.getClass().getSimpleName();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
