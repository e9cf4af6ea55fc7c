package io.mktsync.reply;

import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;

/**
 * The result for one object: Marketo's {@code MObjStatus}, plus the {@code marketoGUID} by which
 * Marketo's REST API identifies Opportunities and roles (it has no integer id for them).
 */
public record ObjectStatus(SyncStatus status, Integer id, Attrib externalKey, String error, String marketoGuid) {

    public ObjectStatus(SyncStatus status, Integer id, Attrib externalKey, String error) {
        this(status, id, externalKey, error, null);
    }

    /** A failure decided on our side, echoing what the sender gave to identify the object. */
    public static ObjectStatus failed(MObject object, String error) {
        return new ObjectStatus(SyncStatus.FAILED, object.id(), object.externalKey(), error);
    }
}
