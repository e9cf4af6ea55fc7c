package io.mktsync.reply;

import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;

/** The result for one object: Marketo's {@code MObjStatus}. */
public record ObjectStatus(SyncStatus status, Integer id, Attrib externalKey, String error) {

    /** A failure decided on our side, echoing what the sender gave to identify the object. */
    public static ObjectStatus failed(MObject object, String error) {
        return new ObjectStatus(SyncStatus.FAILED, object.id(), object.externalKey(), error);
    }
}
