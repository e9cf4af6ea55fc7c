package io.mktsync.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.request.Attrib;
import io.mktsync.request.BodyFormat;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.request.SyncRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryBatchTest {

    private static ReceivedRequest request(SyncOperation operation, int objects) {
        List<MObject> list = IntStream.range(0, objects).mapToObj(i -> new MObject(MObject.OPPORTUNITY, null,
                new Attrib("externalKey", "K" + i), List.of(), List.of(), List.of())).toList();
        return new ReceivedRequest(null, new Bookkeeping("id", 0, 0, null), "", BodyFormat.JSON,
                new SyncRequest(operation, list), null, null);
    }

    /** Adds requests until the batch is full; returns how many it took. */
    private static int fill(DeliveryBatch batch, SyncOperation operation, int objectsEach) {
        int added = 0;
        while (!batch.full()) {
            batch.add(request(operation, objectsEach));
            added++;
        }
        return added;
    }

    @Test
    void oneObjectRequestsFillEveryCallBeforeTheBatchCloses() {
        DeliveryBatch batch = new DeliveryBatch(5, 100, true);
        assertEquals(500, fill(batch, SyncOperation.INSERT, 1));
        assertEquals(5, batch.calls());
    }

    @Test
    void withoutCoalescingEachRequestCountsItsOwnCalls() {
        DeliveryBatch batch = new DeliveryBatch(5, 100, false);
        assertEquals(5, fill(batch, SyncOperation.INSERT, 1));
    }

    @Test
    void operationsNeedCallsOfTheirOwn() {
        DeliveryBatch batch = new DeliveryBatch(2, 100, true);
        batch.add(request(SyncOperation.INSERT, 1));
        batch.add(request(SyncOperation.UPDATE, 1));
        assertFalse(batch.full(), "two calls, not yet filled");
        batch.add(request(SyncOperation.UPSERT, 1));
        assertTrue(batch.full(), "more calls than a batch makes");
    }
}
