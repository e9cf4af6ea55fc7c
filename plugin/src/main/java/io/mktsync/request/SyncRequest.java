package io.mktsync.request;

import java.util.List;

/** A parsed syncMObjects request: the operation and its objects, in request order. */
public record SyncRequest(SyncOperation operation, List<MObject> objects) {

    public SyncRequest {
        objects = List.copyOf(objects);
    }
}
