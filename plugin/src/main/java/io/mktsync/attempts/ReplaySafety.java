package io.mktsync.attempts;

import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;

/**
 * Whether an object may be sent again after an attempt that Marketo may have applied without our
 * knowing (a timeout, a broken connection, a crash before the request was acknowledged).
 * Sending again must never create a second object: Marketo does not keep external keys unique.
 */
public enum ReplaySafety {
    /** Sending again changes nothing that the first attempt did: UPDATE, anything by id, UPSERT by key. */
    RESEND,
    /**
     * An INSERT of an Opportunity by external key, or of a role by its opportunity and person ids:
     * look it up first; if it exists, the first attempt created it.
     */
    LOOK_UP_FIRST,
    /** Would create again and cannot be checked: not sent again, answered FAILED for a person to check. */
    DO_NOT_RESEND;

    public static ReplaySafety of(SyncOperation operation, MObject object) {
        if (MObject.PROGRAM.equals(object.type())) {
            // A Cost without its Id adds a new cost line every time it is sent.
            boolean addsCost = object.typeAttributes().stream()
                    .anyMatch(t -> "Cost".equals(t.attrType()) && t.value("Id").isEmpty());
            return addsCost ? DO_NOT_RESEND : RESEND;
        }
        if (operation == SyncOperation.UPDATE || object.id() != null) {
            return RESEND;
        }
        if (MObject.OPPORTUNITY.equals(object.type()) && object.externalKey() != null) {
            return operation == SyncOperation.INSERT ? LOOK_UP_FIRST : RESEND;
        }
        if (operation == SyncOperation.INSERT && object.roleEnds().isPresent()) {
            return LOOK_UP_FIRST;
        }
        return DO_NOT_RESEND;
    }
}
