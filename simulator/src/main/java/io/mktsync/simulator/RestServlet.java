package io.mktsync.simulator;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marketo's REST API, {@code /simulator/rest/...}: Sync Opportunities and Opportunity Roles, Get
 * Opportunities, Describe Opportunity and Opportunity Role, Get Tag Types, and the asset API's program
 * cost and tag updates, on the same data as the SOAP endpoint. Errors come as Marketo sends them:
 * HTTP 200 with {@code success:false}. The bearer token is checked first (600, 601, 602), then the
 * limits (606, 615) and the {@link FaultPlan}. Metadata reads (Describe, Get Tag Types) meet the
 * token, the limits and an outage like any call, but not the plan's failures or quota: a plan
 * is written for the calls that read and write records, and which call of a test first reads the
 * metadata depends on the tests that ran before it.
 *
 * <p>Bodies and parameters are read as UTF-8 whatever the request says (JSON is UTF-8; a form's
 * percent-encoded bytes are UTF-8 for Marketo), not as the servlet default ISO-8859-1.
 */
@WebServlet("/rest/*")
public class RestServlet extends MarketoApiServlet {

    private static final Pattern PROGRAM = Pattern.compile("/asset/v1/program/(\\d+)\\.json");
    private static final Pattern PROGRAM_TAG = Pattern.compile("/asset/v1/program/(\\d+)/tag/([^/]+)\\.json");
    private static final Map<String, String> METADATA = Map.of(
            "/v1/opportunities/describe.json", "describeOpportunity",
            "/v1/opportunities/roles/describe.json", "describeOpportunityRole",
            "/asset/v1/tagTypes.json", "getTagTypes");
    private static final Map<String, String> OPERATIONS = Map.of(
            "createOnly", "INSERT", "updateOnly", "UPDATE", "createOrUpdate", "UPSERT");
    static final int MAX_RECORDS_PER_CALL = 300;

    @Inject
    IdentityTokens tokens;

    /** What one call is, for the journal. */
    private record Described(String operation, String syncOperation, List<SyncedObject> objects) {
    }

    /** Which endpoint a call is for, named as the journal names it, and the program and tag type of its path. */
    private record Endpoint(String operation, Integer programId, String tagType) {

        static Endpoint of(String method, String path) {
            boolean post = "POST".equals(method);
            if (!post && METADATA.containsKey(path)) {
                return new Endpoint(METADATA.get(path), null, null);
            }
            if (path.equals("/v1/opportunities.json")) {
                return new Endpoint(post ? "syncOpportunities" : "getOpportunities", null, null);
            }
            if (post && path.equals("/v1/opportunities/roles.json")) {
                return new Endpoint("syncOpportunityRoles", null, null);
            }
            Matcher tag = PROGRAM_TAG.matcher(path);
            if (post && tag.matches()) {
                return new Endpoint("updateProgramTag", Integer.valueOf(tag.group(1)), tag.group(2));
            }
            Matcher program = PROGRAM.matcher(path);
            if (post && program.matches()) {
                return new Endpoint("updateProgram", Integer.valueOf(program.group(1)), null);
            }
            return new Endpoint(method + " " + path, null, null);
        }

        boolean sync() {
            return operation.startsWith("sync");
        }

        boolean metadata() {
            return METADATA.containsValue(operation);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    @Override
    protected void answer(HttpServletRequest req, HttpServletResponse resp, MarketoLimits.Entry entry) throws IOException {
        String path = String.valueOf(req.getPathInfo());
        Described call = new Described(req.getMethod() + " " + path, null, List.of());
        Endpoint endpoint;
        req.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            // Lead Database writes are JSON; a form body (asset API) is left to getParameter.
            JsonObject json = String.valueOf(req.getContentType()).startsWith("application/json")
                    ? RestMessages.JSON.createReader(req.getReader()).readObject() : JsonValue.EMPTY_JSON_OBJECT;
            endpoint = Endpoint.of(req.getMethod(), path);
            call = describe(endpoint, json);
            Integer token = tokens.check(req.getHeader("Authorization"));
            if (token != null) {
                throw new MarketoFault(token, "", null);
            }
            if (entry.refusal() != null) {
                throw new MarketoFault(RestMessages.restCode(entry.refusal()), "", null);
            }
            FaultInjector.pause(faults.latencyMs());
            FaultInjector.Verdict verdict = !endpoint.metadata() ? faults.next()
                    : faults.down() ? new FaultInjector.Verdict(null, 503, 0) : FaultInjector.Verdict.PROCEED;
            FaultInjector.pause(verdict.delayMs());
            if (verdict.httpStatus() != null) {
                answerHttpStatus(resp, verdict.httpStatus());
                journal.record(entry.received(), entry.inFlight(), call.operation(), call.syncOperation(), call.objects(),
                        "HTTP " + verdict.httpStatus());
                return;
            }
            if (verdict.code() != null) {
                throw new MarketoFault(RestMessages.restCode(verdict.code()), "", null);
            }
            write(resp, RestMessages.success(result(req, endpoint, json)));
            journal.record(entry.received(), entry.inFlight(), call.operation(), call.syncOperation(), call.objects(), "OK");
        } catch (MarketoFault fault) {
            write(resp, RestMessages.failure(fault.code(), fault.getMessage()));
            journal.record(entry.received(), entry.inFlight(), call.operation(), call.syncOperation(), call.objects(),
                    String.valueOf(fault.code()));
        } catch (JsonException | ClassCastException | IllegalStateException e) {
            write(resp, RestMessages.failure(609, e.getMessage()));
            journal.record(entry.received(), entry.inFlight(), call.operation(), call.syncOperation(), call.objects(), "609");
        }
    }

    private JsonArray result(HttpServletRequest req, Endpoint endpoint, JsonObject json) throws MarketoFault {
        switch (endpoint.operation()) {
            case "syncOpportunities", "syncOpportunityRoles" -> {
                String action = json.getString("action", "createOrUpdate");
                if (!OPERATIONS.containsKey(action)) {
                    throw new MarketoFault(1003, "", "action must be createOnly, updateOnly or createOrUpdate");
                }
                List<Map<String, Object>> input = records(json.getJsonArray("input"));
                if (input.size() > MAX_RECORDS_PER_CALL) {
                    throw new MarketoFault(1003, "", "at most " + MAX_RECORDS_PER_CALL + " records per call");
                }
                return array(endpoint.operation().equals("syncOpportunityRoles") ? store.syncRoleRecords(action, input)
                        : store.syncOpportunityRecords(action, input));
            }
            case "getOpportunities" -> {
                String filterType = req.getParameter("filterType");
                List<String> values = Arrays.asList(String.valueOf(req.getParameter("filterValues")).split(","));
                JsonArrayBuilder found = RestMessages.JSON.createArrayBuilder();
                for (SyncedObject o : store.findOpportunityRecords(filterType, values)) {
                    found.add(RestMessages.JSON.createObjectBuilder().add("marketoGUID", o.marketoGUID)
                            .add("externalOpportunityId", String.valueOf(o.externalKeyValue)));
                }
                return found.build();
            }
            case "describeOpportunity", "describeOpportunityRole" -> {
                return RestMessages.JSON.createArrayBuilder()
                        .add(RestFields.describe(endpoint.operation().equals("describeOpportunityRole"))).build();
            }
            case "getTagTypes" -> {
                int offset = integer(req.getParameter("offset"), 0);
                int maxReturn = Math.min(200, integer(req.getParameter("maxReturn"), 20));
                JsonArrayBuilder types = RestMessages.JSON.createArrayBuilder();
                MObjectStore.TAG_TYPES.stream().skip(offset).limit(maxReturn).forEach(t -> types.add(RestMessages.JSON.createObjectBuilder()
                        .add("tagType", t).add("applicableProgramTypes", "[program,email_batch,nurture,event,webinar]")
                        .add("required", false)));
                return types.build();
            }
            case "updateProgramTag" -> {
                String value = req.getParameter("tagValue");
                if (value == null) {
                    throw new MarketoFault(701, "", "tagValue cannot be blank");
                }
                return programResult(store.setProgramTag(endpoint.programId(), endpoint.tagType(), value));
            }
            case "updateProgram" -> {
                String costs = req.getParameter("costs");
                List<Map<String, Object>> entries = costs == null ? List.of()
                        : records(RestMessages.JSON.createReader(new StringReader(costs)).readArray());
                return programResult(store.appendProgramCosts(endpoint.programId(), entries));
            }
            default -> {
            }
        }
        throw new MarketoFault(610, "", endpoint.operation());
    }

    private static int integer(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static JsonArray programResult(Program program) {
        return RestMessages.JSON.createArrayBuilder().add(RestMessages.JSON.createObjectBuilder().add("id", program.id)).build();
    }

    /** The call in the journal's terms: SOAP's operation names, the types and identities it carries. */
    private static Described describe(Endpoint endpoint, JsonObject json) {
        if (endpoint.sync()) {
            boolean roles = endpoint.operation().equals("syncOpportunityRoles");
            List<SyncedObject> objects = new ArrayList<>();
            JsonArray input = json.containsKey("input") ? json.getJsonArray("input") : JsonValue.EMPTY_JSON_ARRAY;
            for (JsonValue v : input) {
                SyncedObject o = new SyncedObject();
                o.type = roles ? "OpportunityPersonRole" : "Opportunity";
                o.externalKeyValue = v.asJsonObject().getString("externalOpportunityId", null);
                objects.add(o);
            }
            return new Described(endpoint.operation(), OPERATIONS.get(json.getString("action", "createOrUpdate")), objects);
        }
        if (endpoint.programId() != null) {
            SyncedObject o = new SyncedObject();
            o.type = "Program";
            o.id = endpoint.programId();
            return new Described(endpoint.operation(), "UPDATE", List.of(o));
        }
        return new Described(endpoint.operation(), null, List.of());
    }

    /** JSON records as plain values: strings, numbers and booleans as text. */
    private static List<Map<String, Object>> records(JsonArray array) {
        List<Map<String, Object>> records = new ArrayList<>();
        if (array == null) {
            return records;
        }
        for (JsonValue v : array) {
            Map<String, Object> record = new LinkedHashMap<>();
            v.asJsonObject().forEach((name, value) -> record.put(name, plain(value)));
            records.add(record);
        }
        return records;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> null;
            default -> value.toString();
        };
    }

    private static JsonArray array(List<Map<String, Object>> results) {
        JsonArrayBuilder array = RestMessages.JSON.createArrayBuilder();
        for (Map<String, Object> result : results) {
            array.add(RestMessages.JSON.createObjectBuilder(result));
        }
        return array.build();
    }

    private static void write(HttpServletResponse resp, JsonObject envelope) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getOutputStream().write(envelope.toString().getBytes(StandardCharsets.UTF_8));
    }
}
