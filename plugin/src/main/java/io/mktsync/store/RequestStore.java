package io.mktsync.store;

import io.mktsync.jms.ProducerProperties;
import io.mktsync.jms.RequestEnvelope;
import io.mktsync.reply.JsonReplyReader;
import io.mktsync.reply.JsonReplyWriter;
import io.mktsync.reply.SyncReply;
import io.mktsync.request.BodyFormat;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The requests the intake accepted, from arrival to reply, in MktsyncDS (tables of {@code db/migration}).
 * A request is WAITING until its reply is sent, then REPLIED, or GIVEN_UP when it was dead-lettered or
 * parked; a later copy of a WAITING request (same request id) waits in MKTSYNC_DUPLICATE for the first
 * copy's statuses. Plain SQL that H2 and PostgreSQL both run.
 */
@ApplicationScoped
public class RequestStore {

    /** PostgreSQL's channel on which stored requests are announced to the node that dispatches. */
    public static final String ARRIVALS = "mktsync_arrivals";
    static final String WAITING = "WAITING";
    static final String REPLIED = "REPLIED";
    static final String GIVEN_UP = "GIVEN_UP";
    /** Rows per SELECT ... IN: below every database's limit on list length. */
    private static final int PER_QUERY = 100;
    private static final JsonReplyWriter WRITER = new JsonReplyWriter();
    private static final JsonReplyReader READER = new JsonReplyReader();
    private static final String COLUMNS = "SEQ, REQUEST_ID, MESSAGE_ID, BODY, FORMAT, CORRELATION_ID, REPLY_TO, PROPERTIES, "
            + "RECEIVED_AT, FAILED_ATTEMPTS, NOT_BEFORE, SENT_AT, TRACE_PARENT";

    @Resource(lookup = "java:jboss/datasources/MktsyncDS")
    DataSource dataSource;

    @Inject
    StoreSchema schema;

    private final GroupCommit inserts = new GroupCommit("INSERT INTO MKTSYNC_REQUEST (REQUEST_ID, MESSAGE_ID, STATE, BODY, "
            + "FORMAT, CORRELATION_ID, REPLY_TO, PROPERTIES, RECEIVED_AT, SENT_AT, TRACE_PARENT, FAILED_ATTEMPTS) "
            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0 "
            + "WHERE NOT EXISTS (SELECT 1 FROM MKTSYNC_REQUEST WHERE REQUEST_ID = ?)", this::connection, this::announce);

    /** New requests this node's intake stored since the plugin started: of a cluster, its share. */
    private final AtomicLong storedHere = new AtomicLong();

    /** What the intake found when it stored a message. */
    public enum Arrival {
        /** A new request: it waits for the dispatcher. */
        STORED,
        /** This very message was stored before (a redelivery after a crash): nothing more to do. */
        REDELIVERED,
        /** A copy of a request still waiting: answered with its statuses when it is replied. */
        DUPLICATE_WAITS,
        /** A copy of a request replied before: answer it now with {@link Received#firstReply()}. */
        DUPLICATE_OF_REPLIED,
        /** A copy of a request given up before (a dead letter sent back): it waits again, its applied objects stay applied. */
        REOPENED
    }

    /** @param firstReply for {@link Arrival#DUPLICATE_OF_REPLIED}: the first copy's reply and error */
    public record Received(Arrival arrival, SyncReply firstReply, String firstError) {
    }

    /** How a waiting request ended: REPLIED, or GIVEN_UP (dead-lettered or parked). */
    public record Answered(long seq, boolean givenUp, SyncReply reply, String error) {
    }

    /** A later copy whose first copy is answered: it gets the same reply. */
    public record DueDuplicate(RequestEnvelope envelope, SyncReply reply, String error) {
    }

    /** How many new requests this node's intake stored since the plugin started. */
    public long storedHere() {
        return storedHere.get();
    }

    /**
     * Stores a request message before the intake acknowledges it (the intake runs outside any
     * transaction: the store's commit, then the acknowledgement). A new request is one INSERT,
     * committed with those of the other intake sessions ({@link GroupCommit}); a message that finds its
     * request id stored (the same message again after a crash between the two, recognised by its id,
     * or a second copy) is told apart in a local transaction. Not in a container transaction: the
     * intake's cost per message is this commit.
     */
    public Received receive(RequestEnvelope e, Instant now) {
        try {
            if (inserts.insert(s -> bind(s, e, now))) {
                storedHere.incrementAndGet();
                return new Received(Arrival.STORED, null, null);
            }
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                Received again = again(c, e, now);
                c.commit();
                return again;
            } catch (SQLException | RuntimeException x) {
                c.rollback();
                throw x;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
    }

    /** On a store several nodes share: tells the dispatching node that requests were stored. */
    private void announce(Connection c) throws SQLException {
        if (schema.shared()) {
            try (Statement s = c.createStatement()) {
                s.execute("NOTIFY " + ARRIVALS);
            }
        }
    }

    /** The request's row, inserted unless its request id is stored; a race with another copy fails on the unique key. */
    private static void bind(PreparedStatement s, RequestEnvelope e, Instant now) throws SQLException {
        s.setString(1, e.requestId());
        s.setString(2, e.messageId());
        s.setString(3, WAITING);
        s.setString(4, e.body());
        s.setString(5, e.format().name());
        s.setString(6, e.correlationId());
        s.setString(7, e.replyTo());
        s.setString(8, ProducerProperties.toJson(e.properties()));
        s.setTimestamp(9, Timestamp.from(now));
        s.setTimestamp(10, e.sentAt() == null ? null : Timestamp.from(e.sentAt()));
        s.setString(11, e.traceParent());
        s.setString(12, e.requestId());
    }

    /**
     * The request id is stored: the same message again, or a second copy. The row is locked against
     * the dispatcher answering the first copy meanwhile, so that a copy stored as waiting is seen by
     * {@link #dueDuplicates}.
     */
    private Received again(Connection c, RequestEnvelope e, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MESSAGE_ID, STATE, REPLY, ERROR FROM MKTSYNC_REQUEST WHERE REQUEST_ID = ? FOR UPDATE")) {
            s.setString(1, e.requestId());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (e.messageId().equals(r.getString(1))) {
                    return new Received(Arrival.REDELIVERED, null, null);
                }
                String state = r.getString(2);
                if (REPLIED.equals(state)) {
                    return new Received(Arrival.DUPLICATE_OF_REPLIED, READER.reply(r.getString(3)), r.getString(4));
                }
                if (GIVEN_UP.equals(state)) {
                    reopen(c, e);
                    return new Received(Arrival.REOPENED, null, null);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM MKTSYNC_DUPLICATE WHERE MESSAGE_ID = ?")) {
            s.setString(1, e.messageId());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new Received(Arrival.REDELIVERED, null, null);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO MKTSYNC_DUPLICATE "
                + "(MESSAGE_ID, REQUEST_ID, FORMAT, CORRELATION_ID, REPLY_TO, RECEIVED_AT) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.messageId());
            s.setString(2, e.requestId());
            s.setString(3, e.format().name());
            s.setString(4, e.correlationId());
            s.setString(5, e.replyTo());
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
        return new Received(Arrival.DUPLICATE_WAITS, null, null);
    }

    /** The copy sent back brings its own reply address; the stored body and the attempt records stay. */
    private static void reopen(Connection c, RequestEnvelope e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_REQUEST SET STATE = ?, MESSAGE_ID = ?, CORRELATION_ID = ?, "
                + "REPLY_TO = ?, FORMAT = ?, SENT_AT = ?, TRACE_PARENT = ?, FAILED_ATTEMPTS = 0, NOT_BEFORE = NULL, REPLY = NULL, ERROR = NULL, "
                + "REPLIED_AT = NULL WHERE REQUEST_ID = ?")) {
            s.setString(1, WAITING);
            s.setString(2, e.messageId());
            s.setString(3, e.correlationId());
            s.setString(4, e.replyTo());
            s.setString(5, e.format().name());
            s.setTimestamp(6, e.sentAt() == null ? null : Timestamp.from(e.sentAt()));
            s.setString(7, e.traceParent());
            s.setString(8, e.requestId());
            s.executeUpdate();
        }
    }

    /** The first {@code limit} waiting requests that arrived after {@code seq} (0: all), in arrival order. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> waiting(long seq, int limit) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT SEQ FROM MKTSYNC_REQUEST WHERE STATE = ? AND SEQ > ? ORDER BY SEQ")) {
            s.setString(1, WAITING);
            s.setLong(2, seq);
            s.setMaxRows(limit);
            List<Long> seqs = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seqs.add(r.getLong(1));
                }
            }
            return seqs;
        } catch (SQLException x) {
            throw new StoreException("request store unreadable", x);
        }
    }

    /** These waiting requests, in arrival order. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<StoredRequest> load(List<Long> seqs) {
        List<StoredRequest> loaded = new ArrayList<>(seqs.size());
        try (Connection c = connection()) {
            for (int from = 0; from < seqs.size(); from += PER_QUERY) {
                List<Long> part = seqs.subList(from, Math.min(from + PER_QUERY, seqs.size()));
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM MKTSYNC_REQUEST WHERE STATE = ? AND SEQ IN ("
                        + String.join(",", Collections.nCopies(part.size(), "?")) + ") ORDER BY SEQ")) {
                    s.setString(1, WAITING);
                    for (int i = 0; i < part.size(); i++) {
                        s.setLong(i + 2, part.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            loaded.add(stored(r));
                        }
                    }
                }
            }
            return loaded;
        } catch (SQLException x) {
            throw new StoreException("request store unreadable", x);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static StoredRequest stored(ResultSet r) throws SQLException {
        Map<String, Object> properties = ProducerProperties.fromJson(r.getString(8));
        RequestEnvelope envelope = new RequestEnvelope(r.getString(2), r.getString(3), r.getString(6), r.getString(7),
                BodyFormat.valueOf(r.getString(5)), r.getString(4), properties, instant(r.getTimestamp(12)),
                r.getString(13));
        Timestamp notBefore = r.getTimestamp(11);
        return new StoredRequest(r.getLong(1), envelope, r.getTimestamp(9).toInstant(), r.getInt(10),
                notBefore == null ? null : notBefore.toInstant());
    }

    /** Marks requests answered, after their replies were sent (a crash between sends them again; the broker drops the repeat). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void answered(List<Answered> answered, Instant now) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_REQUEST SET STATE = ?, REPLY = ?, ERROR = ?, REPLIED_AT = ? "
                     + "WHERE SEQ = ?")) {
            for (Answered a : answered) {
                s.setString(1, a.givenUp() ? GIVEN_UP : REPLIED);
                s.setString(2, WRITER.write(a.reply()));
                s.setString(3, a.error());
                s.setTimestamp(4, Timestamp.from(now));
                s.setLong(5, a.seq());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
    }

    /** A failed attempt of a request: it is tried again not before {@code notBefore}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failedAttempt(long seq, int failedAttempts, Instant notBefore) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("UPDATE MKTSYNC_REQUEST SET FAILED_ATTEMPTS = ?, NOT_BEFORE = ? WHERE SEQ = ?")) {
            s.setInt(1, failedAttempts);
            s.setTimestamp(2, Timestamp.from(notBefore));
            s.setLong(3, seq);
            s.executeUpdate();
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
    }

    /** Later copies whose first copy has been answered, oldest first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<DueDuplicate> dueDuplicates(int limit) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("SELECT d.MESSAGE_ID, d.REQUEST_ID, d.FORMAT, d.CORRELATION_ID, d.REPLY_TO, "
                     + "r.REPLY, r.ERROR FROM MKTSYNC_DUPLICATE d JOIN MKTSYNC_REQUEST r ON r.REQUEST_ID = d.REQUEST_ID "
                     + "WHERE r.STATE <> ? ORDER BY d.RECEIVED_AT")) {
            s.setString(1, WAITING);
            s.setMaxRows(limit);
            List<DueDuplicate> due = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    RequestEnvelope e = new RequestEnvelope(r.getString(2), r.getString(1), r.getString(4), r.getString(5),
                            BodyFormat.valueOf(r.getString(3)), "", Map.of(), null, null);
                    due.add(new DueDuplicate(e, READER.reply(r.getString(6)), r.getString(7)));
                }
            }
            return due;
        } catch (SQLException x) {
            throw new StoreException("request store unreadable", x);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void duplicatesAnswered(List<DueDuplicate> answered) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM MKTSYNC_DUPLICATE WHERE MESSAGE_ID = ?")) {
            for (DueDuplicate d : answered) {
                s.setString(1, d.envelope().messageId());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
    }

    /** Forgets answered requests older than the cutoff: a copy arriving later is then a new request. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeAnsweredBefore(Instant cutoff) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM MKTSYNC_REQUEST WHERE STATE <> ? AND REPLIED_AT < ?")) {
            s.setString(1, WAITING);
            s.setTimestamp(2, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException x) {
            throw new StoreException("request store unwritable", x);
        }
    }

    private Connection connection() throws SQLException {
        if (!schema.migrated()) {
            schema.migrate();
        }
        return dataSource.getConnection();
    }
}
