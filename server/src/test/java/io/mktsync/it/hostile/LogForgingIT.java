package io.mktsync.it.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mktsync.it.MktsyncIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Request data cannot forge a log record: a value carrying a line break and a record of its own is
 * written escaped, on the line of the record that quotes it.
 */
class LogForgingIT extends MktsyncIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    private static final Pattern FORGED = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d,\\d{3} ERROR \\[io\\.mktsync\\.Forged]");

    @Test
    void aLineBreakInRequestDataDoesNotStartARecord() throws Exception {
        String forged = "\\r\\n12:00:00,000 ERROR [io.mktsync.Forged] (default task-1) the bridge was breached";
        String body = """
                {"operation":"INSERT","objects":[{"type":"Opportunity%s",
                  "externalKey":{"name":"extOpportunityId","value":"LOG-1%s"},"attributes":{"Name":"x%s"}}]}"""
                .formatted(forged, forged, forged);

        assertEquals("REJECTED", request(body).outcome());

        List<String> lines = Files.readAllLines(SERVER_LOG, StandardCharsets.UTF_8);
        assertFalse(lines.stream().anyMatch(l -> FORGED.matcher(l).find()), "a forged record in server.log");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\\r\\n12:00:00,000 ERROR [io.mktsync.Forged]")),
                "the value is logged escaped on its own record's line");
    }
}
