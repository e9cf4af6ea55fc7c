package io.mktsync.jms;

import io.mktsync.attempts.AttemptGuard;
import io.mktsync.attempts.AttemptLog;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.coalescing.CallPlanner;
import io.mktsync.coalescing.CoalescingSettings;
import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.coalescing.OrderingKeys;
import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncReply;
import io.mktsync.reply.SyncStatus;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

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

    /** A request of the batch being synced, with its objects' attempts. */
    private record Syncing(ReceivedRequest received, List<ObjectAttempt> objects) {
    }

    /** Why the batch stopped before its last round, for the requests that are not done. */
    private record Stop(String reason, long delayMs) {
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

    public void handle(DeliveryBatch batch, JMSContext jms) throws JMSException {
        long start = System.nanoTime();
        Map<String, ReceivedRequest> toSync = new LinkedHashMap<>();
        for (ReceivedRequest r : batch.requests()) {
            if (r.rejection() != null) {
                replies.publish(jms, r.message(), r.format(), SyncReply.rejected(r.rejection().problems()), r.rejection().getMessage());
                forwarder.park(jms, r.message(), r.rejection().getMessage());
                LOG.info(() -> "Request " + r.id() + " rejected and parked: " + r.rejection().getMessage());
            } else if (r.unreadable() != null) {
                failed(jms, r, List.of(), "could not be read: " + r.unreadable());
            } else if (toSync.putIfAbsent(r.id(), r) != null) {
                // The same request twice in one batch (a copy replayed by hand): the later copy waits.
                forwarder.postpone(jms, r.message(), outageRecheckMs, "the same request is in this batch already", false);
            }
        }
        if (toSync.isEmpty()) {
            return;
        }
        Map<String, List<MObject>> objects = new LinkedHashMap<>();
        toSync.forEach((id, r) -> objects.put(id, r.request().objects()));
        Map<String, List<ObjectAttempt>> known = attempts.open(objects);
        List<Syncing> syncing = toSync.values().stream().map(r -> new Syncing(r, known.get(r.id()))).toList();
        Map<ObjectAttempt, RuntimeException> failures = new IdentityHashMap<>();
        Optional<Stop> stop = sync(syncing, failures, start);
        for (Syncing s : syncing) {
            finish(jms, s, failures, stop, start);
        }
    }

    /**
     * Syncs the batch; empty when every round was run, else why the batch stopped. While the circuit
     * breaker is not closed, Marketo is known to be failing: the oldest request alone tries it, and
     * the others follow only if it goes through, so that a backlog is not sent to a Marketo that is
     * down.
     */
    private Optional<Stop> sync(List<Syncing> requests, Map<ObjectAttempt, RuntimeException> failures, long start) {
        if (requests.size() > 1 && breakerState() != CircuitBreakerState.CLOSED) {
            Optional<Stop> trial = rounds(requests.subList(0, 1), failures, start);
            return trial.isPresent() ? trial : rounds(requests.subList(1, requests.size()), failures, start);
        }
        return rounds(requests, failures, start);
    }

    private Optional<Stop> rounds(List<Syncing> requests, Map<ObjectAttempt, RuntimeException> failures, long start) {
        List<CallPlanner.Item<ObjectAttempt>> items = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            SyncOperation operation = requests.get(r).received().request().operation();
            for (ObjectAttempt a : requests.get(r).objects()) {
                if (a.done().isEmpty()) {
                    items.add(new CallPlanner.Item<>(r, operation, marketo.callGroup(a.object()),
                            OrderingKeys.of(a.object()), a));
                }
            }
        }
        List<List<CallPlanner.Call<ObjectAttempt>>> rounds =
                new CallPlanner<ObjectAttempt>(coalescing.enabled()).plan(items);
        stats.planned(requests.size(), rounds.stream().mapToInt(List::size).sum(), items.size());
        for (int round = 0; round < rounds.size(); round++) {
            if (round > 0 && elapsedMs(start) > continueAfterMs) {
                return Optional.of(new Stop("continues in a new delivery after " + round + " of " + rounds.size()
                        + " rounds of calls", 0));
            }
            boolean trial = breakerState() != CircuitBreakerState.CLOSED;
            List<Future<?>> running = new ArrayList<>();
            for (CallPlanner.Call<ObjectAttempt> call : rounds.get(round)) {
                running.add(calls.submit(() -> isolating(call.operation(), call.objects())));
            }
            RuntimeException first = null;
            for (int i = 0; i < running.size(); i++) {
                RuntimeException failure = outcome(running.get(i));
                RuntimeException e = trial && failure != null && !(failure instanceof HeldException)
                        ? new TrialFailed(failure) : failure;
                if (e != null) {
                    rounds.get(round).get(i).objects().stream().filter(a -> a.done().isEmpty())
                            .forEach(a -> failures.put(a, e));
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
     * One planned call. When Marketo refuses it as a whole, the requests sharing it must not share the
     * fate of one bad object: the call is split in halves by request and each half tried again, until
     * the request that Marketo refuses fails alone, with Marketo's words, as if it had been sent alone.
     */
    private void isolating(SyncOperation operation, List<ObjectAttempt> objects) {
        try {
            List<ObjectStatus> statuses = marketo.syncMObjects(operation, objects);
            LOG.info(() -> String.format("syncMObjects %s: %d objects of %d requests -> %s", operation, objects.size(),
                    objects.stream().map(ObjectAttempt::requestId).distinct().count(), summary(statuses)));
        } catch (MarketoFaultException e) {
            List<String> requests = objects.stream().map(ObjectAttempt::requestId).distinct().toList();
            if (requests.size() == 1) {
                guard.done(objects, objects.stream().map(a -> ObjectStatus.failed(a.object(), e.describe())).toList());
                LOG.info(() -> "syncMObjects " + operation + " of request " + requests.get(0) + " refused: " + e.describe());
                return;
            }
            List<String> firstHalf = requests.subList(0, requests.size() / 2);
            LOG.info(() -> "syncMObjects " + operation + " of " + requests.size() + " requests refused (" + e.describe()
                    + "); splitting it to isolate the request at fault");
            isolating(operation, objects.stream().filter(a -> firstHalf.contains(a.requestId())).toList());
            isolating(operation, objects.stream().filter(a -> !firstHalf.contains(a.requestId())).toList());
        }
    }

    private CircuitBreakerState breakerState() {
        try {
            return breakers.currentState(MarketoCalls.BREAKER);
        } catch (IllegalArgumentException notYetUsed) {
            return CircuitBreakerState.CLOSED;
        }
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
            return new IllegalStateException("interrupted while waiting for a Marketo call", e);
        }
    }

    /** How a request that was not reached, or met only a hold, waits for what stopped the batch. */
    private Stop waitFor(RuntimeException e) {
        if (e instanceof HeldException h) {
            return new Stop("waits " + h.waitMs() + " ms: " + h.getMessage(), h.waitMs());
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new Stop("waits " + outageRecheckMs + " ms: the Marketo circuit breaker is open", outageRecheckMs);
        }
        if (e instanceof TrialFailed t) {
            return new Stop("waits " + outageRecheckMs + " ms: Marketo still fails ("
                    + describe((RuntimeException) t.getCause()) + "); the circuit breaker stays open", outageRecheckMs);
        }
        return new Stop("waits " + outageRecheckMs + " ms for Marketo: " + describe(e), outageRecheckMs);
    }

    private void finish(JMSContext jms, Syncing s, Map<ObjectAttempt, RuntimeException> failures,
                        Optional<Stop> stop, long start) throws JMSException {
        ReceivedRequest r = s.received();
        List<ObjectAttempt> pending = s.objects().stream().filter(a -> a.done().isEmpty()).toList();
        if (pending.isEmpty()) {
            SyncReply reply = SyncReply.of(s.objects().stream().map(a -> a.done().get()).toList());
            replies.publish(jms, r.message(), r.format(), reply, null);
            LOG.fine(() -> String.format("Request %s: %s of %d objects -> %s (%d ms)", r.id(), r.request().operation(),
                    reply.statuses().size(), reply.outcome(), elapsedMs(start)));
            return;
        }
        // Its own failure: an object of it was sent in this delivery, in a call that failed other than by waiting.
        Optional<RuntimeException> own = pending.stream().filter(ObjectAttempt::sentInThisDelivery)
                .map(failures::get).filter(e -> e != null && !(e instanceof HeldException) && !(e instanceof TrialFailed))
                .findFirst();
        if (own.isPresent()) {
            failed(jms, r, s.objects(), describe(own.get()));
            return;
        }
        // Its own call's reason to wait, or else what stopped the batch before its objects' round.
        Stop why = pending.stream().map(failures::get).filter(e -> e != null).findFirst()
                .map(this::waitFor).orElseGet(stop::orElseThrow);
        forwarder.postpone(jms, r.message(), why.delayMs(), why.reason(), false);
        LOG.fine(() -> "Request " + r.id() + " " + why.reason());
    }

    /** A delivery of this request failed: it is tried again later, or given up after the last attempt. */
    private void failed(JMSContext jms, ReceivedRequest r, List<ObjectAttempt> objects, String reason) throws JMSException {
        int delivery = MessageForwarder.failedDeliveriesBefore(r.message()) + 1;
        if (delivery < maxAttempts) {
            long delay = Math.min(60_000, retryDelayMs << Math.min(delivery - 1, 10));
            forwarder.postpone(jms, r.message(), delay, "delivery " + delivery + " of " + maxAttempts + " failed: " + reason, true);
            LOG.warning(() -> "Request " + r.id() + " delivery " + delivery + " of " + maxAttempts
                    + " failed, tried again in " + delay + " ms: " + reason);
            return;
        }
        String error = "not applied after " + delivery + " deliveries: " + reason;
        List<ObjectStatus> known = objects.stream()
                .map(a -> a.done().orElseGet(() -> ObjectStatus.failed(a.object(), error))).toList();
        replies.publish(jms, r.message(), r.format(), SyncReply.givenUp(known), error);
        forwarder.deadLetter(jms, r.message(), error, delivery);
        LOG.log(Level.SEVERE, "Request " + r.id() + " dead-lettered: " + error);
    }

    private static String describe(RuntimeException e) {
        return e instanceof MarketoException m ? m.describe() : e.toString();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
