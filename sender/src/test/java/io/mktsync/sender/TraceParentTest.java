package io.mktsync.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    @Test
    void aChildKeepsItsParentsTraceAndFlagsWithASpanOfItsOwn() {
        String child = TraceParent.child(PARENT);
        assertTrue(child.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00"), child);
        assertNotEquals("00f067aa0ba902b7", child.substring(36, 52));
    }

    @Test
    void withoutAValidParentANewSampledTrace() {
        for (String parent : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}) {
            String child = TraceParent.child(parent);
            assertTrue(child.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), child);
            assertNotEquals("4bf92f3577b34da6a3ce929d0e0e4736", TraceParent.traceId(child));
        }
        assertNotEquals(TraceParent.child(null), TraceParent.child(null), "each new trace is its own");
    }

    @Test
    void theTraceIdOfATraceParent() {
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", TraceParent.traceId(PARENT));
        assertNull(TraceParent.traceId("garbage"));
    }
}
