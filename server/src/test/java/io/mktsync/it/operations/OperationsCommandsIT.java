package io.mktsync.it.operations;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.mktsync.it.Requests.opportunity;

import io.mktsync.it.Jms;
import io.mktsync.it.MktsyncIT;
import io.mktsync.it.Plugin;
import io.mktsync.it.Simulator;
import io.mktsync.sender.SyncClient.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Health and Operations commands run exactly as printed, from the top folder, each in a
 * state where it has something to do: the resume while a hold is on, the dead-letter commands with
 * dead letters and a parked request there. Lines that name a message by {@code 'ID:...'} run as
 * printed (they match nothing) and again with a real message's id, which they must find.
 */
class OperationsCommandsIT extends MktsyncIT {

    private static final String PLACEHOLDER = "'ID:...'";
    private static final Pattern RESULT = Pattern.compile("\"result\" => (\\d+)L?");
    private static final String QUEUES = "/subsystem=messaging-activemq/server=default/jms-queue=";

    @Test
    void shellCommandsSucceed() throws Exception {
        List<String> commands = Readme.commands("shell");
        assertTrue(commands.stream().anyMatch(c -> c.contains("/health/ready")), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.contains("/health/live")), commands.toString());
        assertTrue(commands.stream().anyMatch(c -> c.contains("/mktsync/api/resume")), commands.toString());

        for (String command : commands) {
            if (command.contains("/mktsync/api/resume")) {
                String held = holdOnRefusedCredentials();
                String answer = Commands.shell(command);
                assertTrue(answer.contains("\"CREDENTIALS hold\""), answer);
                assertEquals("SUCCEEDED", client.awaitReply(held, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
            } else {
                await().atMost(Duration.ofSeconds(30)).until(Plugin::ready);
                String answer = Commands.shell(command);
                // What the README tells to look for: the overall status, with the plugin's check.
                String check = command.contains("/health/live") ? "mktsync" : "marketo";
                assertTrue(answer.startsWith("{\"status\":\"UP\"") && answer.contains("\"name\":\"" + check + "\""), answer);
            }
        }
    }

    @Test
    void cliCommandsSucceedOnDeadLettersAndParkedRequests() throws Exception {
        List<String> commands = Readme.commands("jboss-cli");
        for (String operation : List.of(":count-messages", ":list-messages", ":remove-messages", ":move-messages")) {
            assertTrue(commands.stream().anyMatch(c -> c.contains(operation)), operation + " in " + commands);
        }
        // Only this test's messages: the server is shared with the ITs before it.
        Commands.cli(QUEUES + "DLQ:remove-messages");
        Commands.cli(QUEUES + "SyncRequestsParked:remove-messages");

        String parked = client.send("{\"operation\":\"INSERT\",\"objects\":[{\"type\":\"Lead\"}]}", Map.of());
        assertEquals("REJECTED", client.awaitReply(parked, Jms.REPLY_TIMEOUT).orElseThrow().outcome());
        Simulator.down(true);
        String dropped = client.send(opportunity("UPSERT", "OPP-OPS-DROPPED", "Dropped"), Map.of());
        String replayed = client.send(opportunity("UPSERT", "OPP-OPS-REPLAYED", "Replayed"), Map.of());
        deadLetter(List.of(dropped, replayed));

        for (String command : commands) {
            String output = Commands.cli(command);
            if (command.contains(PLACEHOLDER)) {
                String id = command.contains("jms-queue=SyncRequestsParked") ? parked : dropped;
                String found = Commands.cli(command.replace(PLACEHOLDER, "'" + id + "'"));
                if (command.contains(":remove-messages")) {
                    assertEquals(1, result(found), "removed with " + id);
                } else {
                    assertTrue(found.contains(id), "listed with " + id + ": " + found);
                }
            }
            if (command.contains("jms-queue=DLQ:count-messages")) {
                assertEquals(2, result(output));
            }
            if (command.contains(":move-messages")) {
                Reply reply = client.awaitReply(replayed, Jms.REPLY_TIMEOUT).orElseThrow(
                        () -> new AssertionError("no reply to the replayed request"));
                assertEquals("SUCCEEDED", reply.outcome(), reply.body());
            }
        }
        assertEquals(0, result(Commands.cli(QUEUES + "DLQ:count-messages")));
        assertEquals(1, Simulator.opportunities("OPP-OPS-REPLAYED").size());
        assertTrue(Simulator.opportunities("OPP-OPS-DROPPED").isEmpty());
    }

    /** The number a CLI operation answered, e.g. {@code "result" => 2L}. */
    private static long result(String output) {
        Matcher m = RESULT.matcher(output);
        assertTrue(m.find(), output);
        return Long.parseLong(m.group(1));
    }

    /** A request waits under a credentials hold; returns its correlation id. */
    private String holdOnRefusedCredentials() throws Exception {
        Simulator.credentialsThePluginDoesNotHave();
        String id = client.send(opportunity("UPSERT", "OPP-OPS-HELD", "Held"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> !Plugin.ready());
        Simulator.reset();
        return id;
    }

    /**
     * Marketo down (since before they were sent) through every attempt of these requests: each is
     * answered FAILED and dead-lettered. The breaker is closed before each attempt, so that every
     * attempt fails as the request's own (see AttemptsSpentIT).
     */
    private void deadLetter(List<String> ids) {
        Map<String, Reply> replies = new HashMap<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Plugin.resume();
            for (String id : ids) {
                client.awaitReply(id, Duration.ofMillis(250)).ifPresent(r -> replies.put(id, r));
            }
            return replies.size() == ids.size();
        });
        replies.values().forEach(r -> assertEquals("FAILED", r.outcome(), r.body()));
        Simulator.down(false);
    }
}
