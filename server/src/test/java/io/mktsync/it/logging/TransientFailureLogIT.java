package io.mktsync.it.logging;

import static io.mktsync.it.Requests.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transient Marketo failure that a retry absorbs logs one WARN line, and no stack trace. */
class TransientFailureLogIT extends MktsyncIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");

    @Test
    void oneWarnLinePerFailedAttemptAndNoStackTrace() throws Exception {
        long from = Files.size(SERVER_LOG);
        Simulator.faults("{\"failures\":[{\"httpStatus\":503,\"times\":1}]}");

        assertEquals("SUCCEEDED", request(opportunity("UPSERT", "LOG-503", "Blip")).outcome());

        List<String> written = linesFrom(from);
        List<String> warnings = written.stream().filter(l -> l.matches("^\\S+ \\S+ WARN(ING)? .*")).toList();
        assertEquals(1, warnings.size(), String.join("\n", written));
        assertTrue(warnings.get(0).contains("HTTP 503"), warnings.get(0));
        assertTrue(written.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + String.join("\n", written));
    }

    private static List<String> linesFrom(long offset) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(SERVER_LOG.toFile(), "r")) {
            byte[] tail = new byte[(int) (log.length() - offset)];
            log.seek(offset);
            log.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
