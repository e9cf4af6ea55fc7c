package io.mktsync.reply;

/** Marketo's {@code MObjStatusEnum} values that syncMObjects returns. */
public enum SyncStatus {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Not applied by choice of the operation: INSERT of an existing object, UPDATE of a new one. */
    SKIPPED,
    FAILED
}
