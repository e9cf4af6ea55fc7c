package io.mktsync.it.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Backend;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metrics an operator scrapes (docs/observability.md): after a known burst the counters and
 * histograms moved by exactly what happened, as the simulator and the replies count it; during a
 * quota hold the waiting gauge counts the requests it holds. Every metric the Grafana dashboard
 * (deployments/grafana-mktsync.json) queries is scraped. Counters only grow over a server's life,
 * so each test compares a scrape after with one before.
 */
class MetricsIT extends MktsyncIT {

    private static final int BURST = 12;

    @Test
    void aBurstIsCountedExactly() throws Exception {
        String api = Backend.rest() ? "rest" : "soap";
        String operation = Backend.rest() ? "syncOpportunities" : "syncMObjects";
        Scrape before = Scrape.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-M" + System.nanoTime() + "-" + i, "Counted"), Map.of()));
        }
        String rejected = client.send("   ", Map.of());
        replies(ids).forEach(r -> assertEquals("SUCCEEDED", r.outcome()));
        assertEquals("REJECTED", replies(List.of(rejected)).get(0).outcome());
        int calls = Simulator.syncCalls().size();

        Scrape after = Scrape.now();
        assertEquals(BURST, after.since(before, "mktsync_requests_answered_total{outcome=\"SUCCEEDED\"}"));
        assertEquals(1, after.since(before, "mktsync_requests_answered_total{outcome=\"REJECTED\"}"));
        assertEquals(BURST, after.since(before, "mktsync_requests_stored_total"), "the rejected one is parked, not stored");
        assertEquals(BURST, after.since(before, "mktsync_objects_total{backend=\"" + api + "\",status=\"CREATED\"}"));
        String call = "{api=\"" + api + "\",operation=\"" + operation;
        assertEquals(calls, after.since(before, "mktsync_marketo_calls_total" + call + "\",result=\"ok\"}"),
                "every sync call the simulator answered");
        assertEquals(calls, after.since(before, "mktsync_marketo_call_objects_count" + call + "\"}"));
        assertEquals(BURST, after.since(before, "mktsync_marketo_call_objects_sum" + call + "\"}"));
        assertEquals(calls, after.since(before, "mktsync_marketo_call_objects_bucket" + call + "\",le=\"+Inf\"}"));
        assertEquals(BURST + 1, after.since(before, "mktsync_request_reply_seconds_count"));
        assertEquals(BURST + 1, after.since(before, "mktsync_request_reply_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(after.declares("mktsync_request_reply_seconds", "histogram"), "send→reply is a histogram");
        assertTrue(after.declares("mktsync_marketo_call_objects", "histogram"), "objects per call is a histogram");
        assertTrue(after.declares("mktsync_marketo_calls_total", "counter"));
        for (String family : dashboardMetrics()) {
            assertTrue(after.text().contains("# TYPE " + family + " "), "the dashboard's " + family + " is scraped");
        }
    }

    /** The plugin's metric families the Grafana dashboard queries (a histogram's series by its family). */
    private static Set<String> dashboardMetrics() throws IOException {
        String dashboard = Files.readString(Path.of(System.getProperty("mktsync.dashboard", "../deployments/grafana-mktsync.json")));
        Set<String> families = new TreeSet<>();
        Matcher m = Pattern.compile("mktsync_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            families.add(m.group().replaceAll("_(bucket|sum|count)$", ""));
        }
        assertTrue(families.size() > 5, families.toString());
        return families;
    }

    @Test
    void theWaitingGaugeCountsWhatAQuotaHoldHolds() throws Exception {
        Simulator.faults("{\"quotaRemaining\":0}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.send(opportunity("INSERT", "OPP-MQ" + System.nanoTime() + "-" + i, "Held"), Map.of()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Scrape.now().value("mktsync_requests_waiting{reason=\"QUOTA_HOLD\"}") == 3);
        Scrape held = Scrape.now();
        assertEquals(1, held.value("mktsync_hold{kind=\"QUOTA\"}"));
        assertEquals(3, held.value("mktsync_store_requests_waiting"));

        Simulator.faults("{}");
        replies(ids).forEach(r -> assertEquals("SUCCEEDED", r.outcome()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.now().value("mktsync_hold{kind=\"QUOTA\"}") == 0);
        assertEquals(0, Scrape.now().value("mktsync_requests_waiting{reason=\"QUOTA_HOLD\"}"));
    }
}
