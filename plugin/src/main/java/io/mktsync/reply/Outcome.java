package io.mktsync.reply;

/** The overall outcome of a request, carried in the reply's {@code mktsync_outcome} property. */
public enum Outcome {
    /** No object FAILED (SKIPPED and UNCHANGED count as done: that is what the operation asked for). */
    SUCCEEDED,
    /** Some objects FAILED, others did not. */
    PARTIAL,
    /** Every object FAILED, or the request could not be applied at all. */
    FAILED,
    /** The request was invalid; nothing was sent to Marketo and the message was parked. */
    REJECTED
}
