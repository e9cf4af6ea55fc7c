package io.mktsync.resilience;

/** The request was not sent because of a {@link Hold}; it waits in the store, this long. */
public class HeldException extends RuntimeException {

    private final transient Hold hold;
    private final long waitMs;

    public HeldException(Hold hold, long waitMs) {
        super(hold.reason());
        this.hold = hold;
        this.waitMs = waitMs;
    }

    public Hold hold() {
        return hold;
    }

    public long waitMs() {
        return waitMs;
    }
}
