package io.mktsync.request;

/** Marketo's {@code SyncOperationEnum}: what syncMObjects does with objects that exist or not. */
public enum SyncOperation {
    /** Create new objects only; existing ones are SKIPPED. */
    INSERT,
    /** Update existing objects only; new ones are SKIPPED. */
    UPDATE,
    /** Create or update. */
    UPSERT
}
