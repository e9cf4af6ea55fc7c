package io.mktsync.dispatch;

import io.mktsync.attempts.AttemptLog;
import io.mktsync.attempts.ObjectAttempt;
import io.mktsync.cluster.DispatchLease;
import io.mktsync.cluster.SharedState;
import io.mktsync.coalescing.CallPlanner;
import io.mktsync.coalescing.CoalescingSettings;
import io.mktsync.coalescing.CoalescingStats;
import io.mktsync.coalescing.OrderingKeys;
import io.mktsync.jms.ReplyPublisher;
import io.mktsync.jms.RequestReader;
import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.MarketoException;
import io.mktsync.reply.SyncReply;
import io.mktsync.request.LogSafe;
import io.mktsync.request.MObject;
import io.mktsync.request.RequestRejectedException;
import io.mktsync.request.SyncRequest;
import io.mktsync.resilience.HeldException;
import io.mktsync.resilience.Hold;
import io.mktsync.resilience.Holds;
import io.mktsync.resilience.MarketoAccess;
import io.mktsync.resilience.MarketoCalls;
import io.mktsync.resilience.RateLimitBackoff;
import io.mktsync.store.RequestStore;
import io.mktsync.store.StoreException;
import io.mktsync.store.StoredRequest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Takes the requests waiting in the store to Marketo, in arrival order, in full calls, and answers
 * each when all of its objects are done. It works in passes on the container's managed scheduled
 * executor ({@code java:jboss/ee/concurrency/scheduler/mktsync}), one pass at a time: after a request
 * is stored, after a call ends, and at the time something it waits for is over. A pass
 * <ol>
 * <li>takes in the calls that ended: statuses are already in the store; a failed call spends an
 *     attempt of its requests unless Marketo is known to be down (the circuit opened) or held;</li>
 * <li>reads the first waiting requests from the store ({@code mktsync.dispatch.window});</li>
 * <li>answers the requests that are done, given up or broken (see {@link Answers});</li>
 * <li>unless a hold, the node's budget or the limiter says wait, plans the objects into calls
 *     ({@link CallPlanner}, after whatever is in a call now) and starts the first round's calls:
 *     a full call at once, one that is not full at once when no call is in flight, else once its
 *     oldest request waited {@code mktsync.coalescing.max-wait-ms}. While the circuit is not closed,
 *     or a quota hold's trial is due, only the oldest request's first call goes, alone.</li>
 * </ol>
 * Waiting is a state: a request waits in the store, spending no attempt and no transaction time.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** After a pass failed on the store or the broker: the next one comes this much later. */
    private static final long FAILED_PASS_DELAY_MS = 1000;
    private static final long STOP_WAIT_MS = TimeUnit.MINUTES.toMillis(2);
    private static final int DUPLICATES_PER_PASS = 500;
    /**
     * Passes follow one another at least this far apart: a pass reads and plans every waiting request,
     * so at intake rates one pass per stored message would take a core. An idle dispatcher still
     * starts a pass at once (a single request goes without delay).
     */
    private static final long MIN_PASS_INTERVAL_MS = 10;
    /**
     * ... and at least this many times their own CPU time apart: a pass visits every waiting request
     * it knows, so under a large backlog its bookkeeping takes at most a fourth of a core and leaves
     * the rest to the intake and the calls; a longer pass serves more requests at once. CPU time, not
     * the time on the clock: a pass's waits on a remote store and broker cost no core, and spacing by
     * them capped a cluster's dispatcher at half of Marketo's limits.
     */
    private static final int PASS_SPACING = 4;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /**
     * A pass reads only the requests that arrived after the newest one it knows; this often it reads
     * the whole window again, to find a request whose commit came after a later one's (concurrent
     * intake sessions), one sent back from the dead letters, or one answered elsewhere.
     */
    private static final long FULL_READ_INTERVAL_MS = 1000;
    /**
     * On a store several nodes share, the dispatching node publishes its view this often (and at once
     * when a hold or the circuit changes), and reads whether an operator asked for a resume.
     */
    private static final long PUBLISH_INTERVAL_MS = 1000;
    /** This node's name in the cluster, WildFly's {@code jboss.node.name}. */
    public static final String NODE = System.getProperty("jboss.node.name", "this node");

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/mktsync")
    ManagedScheduledExecutorService executor;

    @Resource
    ContextService contexts;

    @Inject
    RequestStore store;

    @Inject
    AttemptLog attempts;

    @Inject
    RequestReader reader;

    @Inject
    MarketoAccess marketo;

    @Inject
    CallRunner runner;

    @Inject
    Answers answers;

    @Inject
    CallLimiter limiter;

    @Inject
    Holds holds;

    @Inject
    DispatchLease lease;

    @Inject
    SharedState shared;

    @Inject
    RateLimitBackoff backoff;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    CoalescingSettings coalescing;

    @Inject
    CoalescingStats stats;

    @Inject
    @ConfigProperty(name = "mktsync.dispatch.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "mktsync.dispatch.retry-delay-ms", defaultValue = "2000")
    long retryDelayMs;

    @Inject
    @ConfigProperty(name = "mktsync.outage.recheck-ms", defaultValue = "10000")
    long outageRecheckMs;

    @Inject
    @ConfigProperty(name = "mktsync.dispatch.window", defaultValue = "5000")
    int window;

    /** The waiting requests the passes know, by arrival. Only the pass touches them. */
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** Those that may be done since the last answer: read anew, broken, or back from a call. */
    private final Set<Pending> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<ObjectAttempt> inCall = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Queue<CallRunner.Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private boolean duplicatesDue = true;
    /** The newest request the last refresh read, when the window cut off more that wait in the store; else null. */
    private Long windowEdge;
    /** The newest request a refresh read, and when the whole window was last read (null: read it next). */
    private long readUpTo;
    private Instant fullReadAt;
    /** When this node last published its view, what the view's hold and circuit were, the last resume acted on. */
    private Instant publishedAt;
    private String publishedKey;
    private Instant resumeSeen;

    /** Held while a pass runs: on the executor, or the last one on the thread that stops the dispatcher. */
    private final ReentrantLock passLock = new ReentrantLock();
    /** Set by the last pass (guarded by passLock): a pass the executor still had queued does nothing. */
    private boolean stopped;
    // Guarded by this: whether a pass runs, whether another must follow, the timer of the next one.
    private boolean passRunning;
    private boolean passAgain;
    private ScheduledFuture<?> timer;
    private Instant timerAt;
    private volatile boolean stopping;
    /** Set when this node (again) holds the dispatch lease: what the passes knew may be stale. */
    private volatile boolean regained;
    private volatile Backlog backlog = Backlog.NONE;
    /**
     * The passes, with the plugin's context (class loader, naming) captured when it started: a wake
     * may come from a broker thread (after the intake's commit), whose context a task would otherwise take.
     */
    private volatile Runnable passes;

    /** A (re)started node takes up what the store holds. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        passes = contexts.createContextualProxy((Runnable) this::passes, Runnable.class);
        LOG.info(() -> "Dispatching stored requests" + (coalescing.enabled()
                ? " with coalescing (wait " + coalescing.maxWaitMs() + " ms while calls are in flight)" : " without coalescing"));
        lease.start(new DispatchLease.Listener() {
            @Override
            public void gained() {
                regained = true;
                wake();
            }

            @Override
            public void changed() {
                wake();
            }
        });
    }

    /**
     * On undeploy or shutdown, before the beans it needs go: no new call starts; the calls in flight
     * end and their requests are answered. What is left waits in the store for the next start.
     */
    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object undeploying) throws InterruptedException {
        stopping = true;
        synchronized (this) {
            if (timer != null) {
                timer.cancel(false);
            }
            // The calls in flight end. The passes their ends wake may never run: a server shutting down
            // is suspended first, and its executor queues new tasks until a resume that does not come.
            long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
            while (callsInFlight.get() > finished.size() && System.currentTimeMillis() < deadline) {
                wait(FAILED_PASS_DELAY_MS);
            }
        }
        // So this thread runs the last pass, after the one running now, if any: it takes the calls in and answers.
        passLock.lock();
        try {
            runPass(Instant.now());
            stopped = true;
        } finally {
            passLock.unlock();
        }
        // Only now may another node take over: the calls in flight have been answered.
        lease.stop();
        LOG.info(() -> "Stopped dispatching; " + backlog.waiting() + " requests wait in the store");
    }

    /** Something changed: a pass runs now, or right after the one running. */
    public void wake() {
        Runnable task = passes;
        synchronized (this) {
            // Also for a stop waiting for the calls in flight to end.
            notifyAll();
            if (task == null || passRunning) {
                passAgain = true;
                return;
            }
            passRunning = true;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (this) {
                passRunning = false;
                notifyAll();
            }
        }
    }

    /** What waits now, and why, as of the last pass. */
    public Backlog backlog() {
        return backlog;
    }

    /**
     * Makes sure a pass runs at {@code at}: the one timer is kept if it fires before, else replaced.
     * The timer forgets itself before it wakes the dispatcher, so that the pass it starts can set the next.
     */
    private synchronized void wakeAt(Instant at) {
        // An earlier timer is kept only while its time is to come: one whose time has come may be
        // running the wake that started this very pass.
        if (stopping || timerAt != null && timerAt.isAfter(Instant.now()) && !timerAt.isAfter(at)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = at;
        try {
            timer = executor.schedule(() -> {
                synchronized (this) {
                    if (at.equals(timerAt)) {
                        timer = null;
                        timerAt = null;
                    }
                }
                wake();
            }, Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            timer = null;
            timerAt = null;
        }
    }

    private void passes() {
        passLock.lock();
        try {
            while (!stopped) {
                Instant started = Instant.now();
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                runPass(started);
                long cpuMs = TimeUnit.NANOSECONDS.toMillis(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                Instant next = started.plusMillis(Math.max(MIN_PASS_INTERVAL_MS, PASS_SPACING * cpuMs));
                synchronized (this) {
                    if (passAgain && (stopping || !Instant.now().isBefore(next))) {
                        passAgain = false;
                        continue;
                    }
                    passRunning = false;
                    notifyAll();
                    if (!passAgain) {
                        return;
                    }
                    passAgain = false;
                }
                wakeAt(next);
                return;
            }
            synchronized (this) {
                // Stopped: a wake the executor had queued finds nothing left to do.
                passRunning = false;
            }
        } finally {
            passLock.unlock();
        }
    }

    private void runPass(Instant started) {
        try {
            pass(started);
        } catch (RuntimeException e) {
            // The store or the broker failed: what waits stays in the store; the next pass tries again.
            LOG.warning(() -> "Dispatch pass failed; the next one in " + FAILED_PASS_DELAY_MS + " ms: " + LogSafe.of(e));
            LOG.log(Level.FINE, "Dispatch pass failed", e);
            fullReadAt = null;
            wakeAt(Instant.now().plusMillis(FAILED_PASS_DELAY_MS));
        }
    }

    private void pass(Instant now) {
        settle(now);
        if (!lease.held()) {
            // Another node dispatches (or none can, the store being away): it answers what this one
            // had in hand, from the store.
            forget();
            backlog = Backlog.NONE;
            return;
        }
        if (regained) {
            forget();
            limiter.reload();
            takeOver();
            regained = false;
        }
        if (!stopping) {
            refresh(now);
        }
        answer();
        Map<Pending, String> states = new IdentityHashMap<>();
        if (!stopping) {
            start(now, states);
        }
        backlog = Backlog.of(pending.values(), states, now);
        publish(now);
    }

    /** What this node sees now, for its health, and for the other nodes when it dispatches. */
    public DispatcherState state() {
        return new DispatcherState(holds.current(), MarketoCalls.breakerState(breakers).map(Enum::name).orElse("NOT_USED_YET"),
                backoff.limitedUntil(), limiter.usage(), limiter.budgetHold(), backlog, stats.figures());
    }

    /**
     * This node dispatches after another (or after a restart): the hold that node published goes on,
     * unless an operator resumed after it began. The limiter reads the cluster's calls from the call log.
     */
    private void takeOver() {
        publishedAt = null;
        if (!lease.shared()) {
            return;
        }
        shared.read().ifPresent(p -> {
            resumeSeen = p.resumeAt();
            if (p.state() != null) {
                DispatcherState.fromJson(p.state()).hold()
                        .filter(h -> p.resumeAt() == null || p.resumeAt().isBefore(h.since()))
                        .ifPresent(holds::adopt);
            }
        });
    }

    /**
     * Publishes this node's view for the nodes sharing the store, and acts on a resume an operator
     * asked for on any of them: holds that began before it end, the circuit closes.
     */
    private void publish(Instant now) {
        if (!lease.shared()) {
            return;
        }
        DispatcherState state = state();
        String key = state.hold().map(h -> h.kind() + "@" + h.since()).orElse("") + " " + state.circuitBreaker();
        if (publishedAt != null && now.isBefore(publishedAt.plusMillis(PUBLISH_INTERVAL_MS)) && key.equals(publishedKey)) {
            return;
        }
        Instant resumeAt = shared.publish(NODE, state.toJson(), now).orElse(null);
        publishedAt = now;
        publishedKey = key;
        if (resumeAt != null && (resumeSeen == null || resumeAt.isAfter(resumeSeen))) {
            resumeSeen = resumeAt;
            Optional<Hold> ended = holds.current().filter(h -> h.since().isBefore(resumeAt));
            boolean breakerOpen = breakerState() != CircuitBreakerState.CLOSED;
            if (ended.isPresent() || breakerOpen) {
                breakers.resetAll();
                ended.ifPresent(h -> holds.resume());
                LOG.info(() -> "Resumed by an operator (asked at " + resumeAt + "): "
                        + ended.map(h -> h.kind() + " hold").orElse("circuit breaker " + breakerState()) + " ended");
                publishedKey = null;
                wake();
            }
        }
    }

    /**
     * Drops what the passes knew of the store; the next reads it whole. Requests with objects in a
     * call are kept, so that those objects are not sent again while their call runs; it ends here.
     */
    private void forget() {
        pending.values().removeIf(p -> p.inCall == 0);
        touched.clear();
        windowEdge = null;
        fullReadAt = null;
    }

    /** Takes in the calls that ended since the last pass. */
    private void settle(Instant now) {
        CallRunner.Finished f;
        while ((f = finished.poll()) != null) {
            callsInFlight.decrementAndGet();
            Set<Pending> requests = Collections.newSetFromMap(new IdentityHashMap<>());
            for (CallRunner.Slot s : f.slots()) {
                s.request().inCall--;
                inCall.remove(s.attempt());
                requests.add(s.request());
            }
            stats.synced(requests.size(), f.calls(), f.objectsSent());
            touched.addAll(requests);
            f.broken().forEach(this::broke);
            if (f.failure() != null) {
                failed(f, requests, now);
            }
        }
    }

    /**
     * Handling this request broke on something of its own: it is answered FAILED (what was applied
     * stands) and parked for an operator. The reply names the kind of failure only; the log has the rest.
     */
    private void broke(Pending p, RuntimeException e) {
        touched.add(p);
        p.givenUp = "mktsync could not process this request (" + e.getClass().getSimpleName()
                + "); it is kept in SyncRequestsParked for an operator";
        p.park = true;
        LOG.warning(() -> "Request " + LogSafe.of(p.stored.envelope().requestId()) + " could not be processed and is parked: "
                + LogSafe.of(e));
        LOG.log(Level.FINE, "Request could not be processed", e);
    }

    /**
     * A call failed after its retries. Waiting is not failing: a hold, or Marketo known to be down
     * (the call was a trial, or the circuit opened), spends nothing. Otherwise each of its requests
     * spends an attempt, tried again after 2, 4, 8... s; on its last attempt it is given up.
     */
    private void failed(CallRunner.Finished f, Set<Pending> requests, Instant now) {
        RuntimeException e = f.failure();
        List<Pending> open = requests.stream().filter(p -> p.givenUp == null && !p.done()).toList();
        if (e instanceof HeldException h) {
            open.forEach(p -> p.waitedFor = WaitReason.of(h.hold()));
            wakeAt(now.plusMillis(h.waitMs()));
            return;
        }
        if (e instanceof StoreException) {
            // The store failed, not Marketo: what was sent is known by its SENT records; the request waits.
            wakeAt(now.plusMillis(FAILED_PASS_DELAY_MS));
            return;
        }
        if (f.trial() || e instanceof CircuitBreakerOpenException || breakerState() != CircuitBreakerState.CLOSED) {
            open.forEach(p -> p.waitedFor = WaitReason.CIRCUIT_OPEN);
            wakeAt(now.plusMillis(outageRecheckMs));
            return;
        }
        String reason = e instanceof MarketoException m ? m.describe() : e.getClass().getSimpleName();
        for (Pending p : open) {
            int attempt = ++p.failedAttempts;
            String id = LogSafe.of(p.stored.envelope().requestId());
            if (attempt >= maxAttempts) {
                p.givenUp = "not applied after " + attempt + " attempts: " + reason;
                LOG.severe(() -> "Request " + id + " given up and dead-lettered: " + LogSafe.of(p.givenUp));
            } else {
                long delay = Math.min(60_000, retryDelayMs << Math.min(attempt - 1, 10));
                p.notBefore = now.plusMillis(delay);
                p.waitedFor = WaitReason.FAILED_ATTEMPT;
                store.failedAttempt(p.stored.seq(), attempt, p.notBefore);
                wakeAt(p.notBefore);
                LOG.warning(() -> "Request " + id + " attempt " + attempt + " of " + maxAttempts
                        + " failed, tried again in " + delay + " ms: " + LogSafe.of(reason));
            }
        }
    }

    /**
     * Reads the waiting requests that arrived since the last pass, up to the window, or now and then
     * the whole window again (forgetting those no longer waiting); those not known yet are parsed and
     * their attempts read.
     */
    private void refresh(Instant now) {
        List<Long> seqs;
        if (fullReadAt == null || !now.isBefore(fullReadAt.plusMillis(FULL_READ_INTERVAL_MS))) {
            fullReadAt = now;
            seqs = store.waiting(0, window);
            windowEdge = seqs.size() >= window ? seqs.get(seqs.size() - 1) : null;
            Set<Long> waiting = new HashSet<>(seqs);
            pending.values().removeIf(p -> p.inCall == 0 && !waiting.contains(p.stored.seq()));
        } else {
            int room = window - pending.size();
            if (room <= 0) {
                // The window is full: whatever arrived waits beyond its newest request.
                windowEdge = pending.lastKey();
                return;
            }
            seqs = store.waiting(readUpTo, room);
            windowEdge = seqs.size() >= room ? seqs.get(seqs.size() - 1) : null;
        }
        if (windowEdge != null) {
            // Cut short: the next read goes on right after the window, whatever was read before.
            readUpTo = windowEdge;
        } else if (!seqs.isEmpty()) {
            readUpTo = Math.max(readUpTo, seqs.get(seqs.size() - 1));
        }
        List<Long> unknown = seqs.stream().filter(s -> !pending.containsKey(s)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, List<MObject>> objects = new HashMap<>();
        Map<StoredRequest, SyncRequest> parsed = new IdentityHashMap<>();
        for (StoredRequest s : store.load(unknown)) {
            try {
                SyncRequest request = reader.parse(s.envelope().body(), s.envelope().format());
                parsed.put(s, request);
                objects.put(s.envelope().requestId(), request.objects());
            } catch (RequestRejectedException | RuntimeException e) {
                // Stored valid, invalid now (the limits were lowered since): it cannot be sent as it is.
                Pending p = new Pending(s, null, List.of(), List.of());
                broke(p, e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage()));
                pending.put(s.seq(), p);
            }
        }
        Map<String, List<ObjectAttempt>> known = attempts.open(objects);
        parsed.forEach((s, request) -> {
            List<ObjectAttempt> attemptsOf = known.get(s.envelope().requestId());
            try {
                List<Pending.Placement> placements = request.objects().stream()
                        .map(o -> new Pending.Placement(marketo.callGroup(o), OrderingKeys.of(o))).toList();
                Pending p = new Pending(s, request, attemptsOf, placements);
                touched.add(p);
                pending.put(s.seq(), p);
            } catch (RuntimeException e) {
                Pending p = new Pending(s, request, attemptsOf, List.of());
                broke(p, e);
                pending.put(s.seq(), p);
            }
        });
    }

    /** Answers every request that is done, given up or broken and has nothing in a call, in arrival order. */
    private void answer() {
        List<Answers.Answer> ready = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        touched.removeIf(p -> pending.get(p.stored.seq()) != p);
        List<Pending> candidates = touched.stream().filter(p -> p.inCall == 0)
                .sorted(Comparator.comparingLong(p -> p.stored.seq())).toList();
        for (Pending p : candidates) {
            String waited = p.waitedFor == null ? null : p.waitedFor.name();
            if (p.givenUp != null) {
                SyncReply reply = SyncReply.givenUp(p.statuses(p.givenUp));
                int attempt = p.park ? p.failedAttempts + 1 : p.failedAttempts;
                ready.add(new Answers.Answer(p.stored.seq(), p.stored.envelope(), reply,
                        new ReplyPublisher.Notes(p.givenUp, waited, attempt, false),
                        p.park ? Answers.Copy.PARKED : Answers.Copy.DEAD_LETTER));
            } else if (p.done()) {
                ready.add(new Answers.Answer(p.stored.seq(), p.stored.envelope(), SyncReply.of(p.statuses(null)),
                        new ReplyPublisher.Notes(null, waited, p.failedAttempts + 1, false), Answers.Copy.NONE));
            } else {
                continue;
            }
            answered.add(p.stored.seq());
        }
        answers.send(ready);
        // Not removeAll: with every touched request a candidate, it would search the list once per request.
        candidates.forEach(touched::remove);
        answered.forEach(pending::remove);
        duplicatesDue |= !ready.isEmpty();
        if (duplicatesDue) {
            List<RequestStore.DueDuplicate> due = store.dueDuplicates(DUPLICATES_PER_PASS);
            answers.sendDuplicates(due);
            duplicatesDue = due.size() == DUPLICATES_PER_PASS;
        }
    }

    /** Starts the calls that may go now; {@code states} gets why each request not in a call waits. */
    private void start(Instant now, Map<Pending, String> states) {
        Optional<HeldException> held = holds.blocking();
        if (held.isPresent()) {
            waitAll(WaitReason.of(held.get().hold()), states);
            wakeAt(now.plusMillis(held.get().waitMs()));
            return;
        }
        Optional<Hold> budget = limiter.budgetHold();
        if (budget.isPresent()) {
            waitAll(WaitReason.DAILY_BUDGET, states);
            wakeAt(budget.get().until());
            return;
        }
        // Marketo known to be failing, or out of quota with a trial due: the oldest request alone tries it.
        boolean trial = breakerState() != CircuitBreakerState.CLOSED || holds.current().isPresent();
        if (trial && callsInFlight.get() > 0) {
            waitAll(breakerState() != CircuitBreakerState.CLOSED ? WaitReason.CIRCUIT_OPEN : WaitReason.QUOTA_HOLD, states);
            return;
        }
        List<CallPlanner.Call<CallRunner.Slot>> calls = plan(now, trial, states);
        if (trial) {
            calls = calls.isEmpty() ? calls : calls.subList(0, 1);
            wakeAt(now.plusMillis(outageRecheckMs));
            WaitReason reason = breakerState() != CircuitBreakerState.CLOSED ? WaitReason.CIRCUIT_OPEN : WaitReason.QUOTA_HOLD;
            Set<Pending> trying = Collections.newSetFromMap(new IdentityHashMap<>());
            calls.forEach(c -> c.objects().forEach(s -> trying.add(s.request())));
            pending.values().stream().filter(p -> !trying.contains(p) && p.inCall == 0)
                    .forEach(p -> states.put(p, reason.name()));
        }
        boolean idle = callsInFlight.get() == 0;
        int started = 0;
        for (CallPlanner.Call<CallRunner.Slot> call : calls) {
            Instant due = call.objects().stream().map(s -> s.request().stored.receivedAt()).min(Instant::compareTo)
                    .orElse(now).plusMillis(coalescing.maxWaitMs());
            // A call holding the last request the window read, while more wait beyond it, was likely
            // cut short by the window: it waits until answered requests make room, not just max-wait,
            // so that at saturation every call stays full.
            boolean cut = windowEdge != null && call.objects().stream().anyMatch(s -> s.request().stored.seq() == windowEdge);
            if (coalescing.enabled() && !call.full() && !idle && (cut || now.isBefore(due))) {
                call.objects().forEach(s -> states.putIfAbsent(s.request(), "gathering"));
                if (!cut) {
                    wakeAt(due);
                }
                continue;
            }
            if (!limiter.hasRoom(started)) {
                limited(calls.subList(calls.indexOf(call), calls.size()), started, states);
                break;
            }
            launch(call, trial);
            started++;
        }
    }

    /**
     * No permit now. Calls in flight make room as they end (and wake the dispatcher); otherwise the
     * window is full, and its requests wait for the limiter until its oldest call leaves it.
     */
    private void limited(List<CallPlanner.Call<CallRunner.Slot>> notStarted, int started, Map<Pending, String> states) {
        boolean windowFull = callsInFlight.get() < limiter.concurrency();
        for (CallPlanner.Call<CallRunner.Slot> call : notStarted) {
            for (CallRunner.Slot s : call.objects()) {
                if (windowFull) {
                    s.request().waitedFor = WaitReason.CALL_LIMITER;
                }
                states.putIfAbsent(s.request(), WaitReason.CALL_LIMITER.name());
            }
        }
        if (windowFull) {
            wakeAt(limiter.nextRoom());
        }
    }

    /**
     * The calls of the first round, planned over every eligible object after what cannot go now:
     * objects in a call, and those of requests waiting for their next attempt (or, in a trial, of
     * all but the oldest request).
     */
    private List<CallPlanner.Call<CallRunner.Slot>> plan(Instant now, boolean trial, Map<Pending, String> states) {
        List<CallPlanner.Item<CallRunner.Slot>> blocked = new ArrayList<>();
        List<CallPlanner.Item<CallRunner.Slot>> items = new ArrayList<>();
        boolean trialTaken = false;
        int position = 0;
        for (Pending p : pending.values()) {
            position++;
            if (p.givenUp != null || p.request == null) {
                continue;
            }
            boolean eligible = p.eligible(now) && !(trial && trialTaken);
            trialTaken |= eligible;
            if (p.notBefore != null && now.isBefore(p.notBefore)) {
                wakeAt(p.notBefore);
            }
            for (ObjectAttempt a : p.objects) {
                if (a.done().isPresent()) {
                    continue;
                }
                Pending.Placement place = p.placements.get(a.index());
                CallPlanner.Item<CallRunner.Slot> item = new CallPlanner.Item<>(position, p.request.operation(), place.group(),
                        place.keys(), new CallRunner.Slot(p, a));
                (eligible && !inCall.contains(a) ? items : blocked).add(item);
            }
        }
        List<List<CallPlanner.Call<CallRunner.Slot>>> rounds = new CallPlanner<CallRunner.Slot>(coalescing.enabled())
                .plan(blocked, items);
        for (int round = 1; round < rounds.size(); round++) {
            rounds.get(round).forEach(c -> c.objects().forEach(s -> states.putIfAbsent(s.request(), "ordered")));
        }
        return rounds.isEmpty() ? List.of() : rounds.get(0);
    }

    private void launch(CallPlanner.Call<CallRunner.Slot> call, boolean trial) {
        List<CallRunner.Slot> slots = call.objects();
        slots.forEach(s -> {
            s.request().inCall++;
            inCall.add(s.attempt());
        });
        callsInFlight.incrementAndGet();
        try {
            executor.execute(() -> {
                CallRunner.Finished f;
                try {
                    f = runner.run(call.operation(), slots, trial);
                } catch (RuntimeException e) {
                    f = new CallRunner.Finished(slots, e, Map.of(), 0, 0, trial);
                }
                finished.add(f);
                wake();
            });
        } catch (RejectedExecutionException shuttingDown) {
            finished.add(new CallRunner.Finished(slots, new HeldException(new Hold(Hold.Kind.LIMITS,
                    "the plugin is stopping", Instant.now(), null, null), 0), Map.of(), 0, 0, trial));
        }
    }

    private void waitAll(WaitReason reason, Map<Pending, String> states) {
        for (Pending p : pending.values()) {
            if (p.inCall == 0 && p.givenUp == null) {
                p.waitedFor = reason;
                states.put(p, reason.name());
            }
        }
    }

    private CircuitBreakerState breakerState() {
        return MarketoCalls.breakerState(breakers).orElse(CircuitBreakerState.CLOSED);
    }

    /**
     * What waits in the store and why, for readiness: requests in a call, gathering for a fuller
     * call, behind an ordered object, waiting for a retry, or held (by a {@link WaitReason}).
     */
    public record Backlog(int waiting, Map<String, Integer> why) {

        static final Backlog NONE = new Backlog(0, Map.of());

        static Backlog of(java.util.Collection<Pending> pending, Map<Pending, String> states, Instant now) {
            Map<String, Integer> why = new TreeMap<>();
            for (Pending p : pending) {
                String state = p.inCall > 0 ? "inCall"
                        : p.notBefore != null && now.isBefore(p.notBefore) ? WaitReason.FAILED_ATTEMPT.name()
                        : states.getOrDefault(p, "ready");
                why.merge(state, 1, Integer::sum);
            }
            return new Backlog(pending.size(), Map.copyOf(why));
        }
    }
}
