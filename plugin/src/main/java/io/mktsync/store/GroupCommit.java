package io.mktsync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * New requests of concurrent intake sessions inserted in one commit. A database's cost per stored
 * request is mostly its commit (H2 writes the changed pages of the table to its file at every
 * commit), so the sessions share it: a session that finds no commit running becomes the committer and
 * inserts everything queued so far in one transaction; the others wait for that commit and return.
 * The sessions are the container's MDB threads: no thread of our own, and a session returns only
 * once its request is committed (then the container acknowledges its message). While sessions keep
 * coming (the last commit had company), the committer waits {@link #GATHER_MS} for more before it
 * commits: the sessions' other work (delivery, reading) runs meanwhile, and one commit serves more
 * of them. A request alone is committed at once.
 *
 * <p>Each row is {@code INSERT ... WHERE NOT EXISTS} on the request id, so that a second copy in the
 * same batch inserts nothing. A batch that fails as a whole (a copy committed by a concurrent
 * transaction breaks the unique key) is inserted again row by row, so that only the row at fault fails.
 */
final class GroupCommit {

    /** A request to insert: binds its row's parameters. */
    interface Row {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Where the batch's connection comes from. */
    interface Connections {
        Connection get() throws SQLException;
    }

    /** Done on the batch's connection after rows were committed. */
    interface AfterCommit {
        void run(Connection c) throws SQLException;
    }

    private static final class Entry {
        final Row row;
        boolean settled;
        boolean inserted;
        SQLException failure;

        Entry(Row row) {
            this.row = row;
        }
    }

    /** How long a committer under load waits for more rows: about a row's share of a commit at 3,000 a second. */
    static final long GATHER_MS = 1;

    private final String insert;
    private final Connections connections;
    private final AfterCommit afterCommit;
    private List<Entry> queued = new ArrayList<>();
    private boolean committing;
    private int lastBatch;

    GroupCommit(String insert, Connections connections, AfterCommit afterCommit) {
        this.insert = insert;
        this.connections = connections;
        this.afterCommit = afterCommit;
    }

    /**
     * Inserts the row, committed when this returns.
     *
     * @return whether it was inserted (false: a row with its key was there)
     */
    boolean insert(Row row) throws SQLException {
        Entry mine = new Entry(row);
        List<Entry> batch;
        boolean interrupted = false;
        synchronized (this) {
            queued.add(mine);
            while (committing && !mine.settled) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Still queued: the committer settles it; the interrupt is kept for the caller.
                    interrupted = true;
                }
            }
            if (!mine.settled) {
                committing = true;
                if (lastBatch > 1) {
                    interrupted |= gather();
                }
                batch = queued;
                queued = new ArrayList<>();
                lastBatch = batch.size();
            } else {
                batch = null;
            }
        }
        if (batch != null) {
            try {
                commit(batch);
            } finally {
                synchronized (this) {
                    batch.forEach(e -> e.settled = true);
                    committing = false;
                    notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.inserted;
    }

    /** Lets other sessions queue their rows for a while; true if interrupted meanwhile. */
    private boolean gather() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MS);
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private void commit(List<Entry> batch) {
        try (Connection c = connections.get()) {
            if (batch.size() == 1 || !inOneTransaction(c, batch)) {
                for (Entry e : batch) {
                    alone(c, e);
                }
            }
            if (batch.stream().anyMatch(e -> e.inserted)) {
                try {
                    afterCommit.run(c);
                } catch (SQLException x) {
                    // The rows are committed; what follows the commit is a courtesy, made up for otherwise.
                }
            }
        } catch (SQLException x) {
            batch.forEach(e -> e.failure = x);
        }
    }

    private boolean inOneTransaction(Connection c, List<Entry> batch) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(insert)) {
            for (Entry e : batch) {
                e.row.bind(s);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            c.commit();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).inserted = counts[i] > 0;
            }
            return true;
        } catch (SQLException x) {
            c.rollback();
            return false;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void alone(Connection c, Entry e) {
        try (PreparedStatement s = c.prepareStatement(insert)) {
            e.row.bind(s);
            e.inserted = s.executeUpdate() == 1;
        } catch (SQLException x) {
            e.failure = x;
        }
    }
}
