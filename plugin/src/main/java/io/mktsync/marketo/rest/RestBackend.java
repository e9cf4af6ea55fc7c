package io.mktsync.marketo.rest;

import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.CallGroup;
import io.mktsync.marketo.MarketoBackend;
import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoExchanges;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Jsonp;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Marketo's REST API, which replaced SOAP on 31 July 2026: one syncMObjects call of the request model
 * becomes one Sync Opportunities or Sync Opportunity Roles call (up to
 * {@code mktsync.marketo.rest.max-records-per-call} records), or a Program's tag and cost updates
 * through the asset API. Statuses come back in request order whatever REST's order.
 */
@ApplicationScoped
@Typed(RestBackend.class)
public class RestBackend implements MarketoBackend {

    private static final Logger LOG = Logger.getLogger(RestBackend.class.getName());
    static final String OPPORTUNITIES = "/rest/v1/opportunities.json";
    /** Marketo's limit of filter values in one Get call. */
    static final int KEYS_PER_LOOKUP = 300;
    /** Keys' length in one lookup: the URL stays well under the 8 KB Marketo accepts in a GET. */
    static final int KEY_CHARS_PER_LOOKUP = 4000;
    static final String ROLES = "/rest/v1/opportunities/roles.json";

    /** Codes of a skipped record that may mean Describe is out of date: invalid data, unknown field. */
    private static final Set<String> FIELDS_CHANGED = Set.of("1003", "1006");

    @Inject
    RestSettings settings;

    @Inject
    CallLimiter limiter;

    @Inject
    MarketoExchanges exchanges;

    private RestApi api;
    private RestMetadata metadata;
    private RestMapping mapping;

    @PostConstruct
    void connect() {
        metadata = new RestMetadata(this::read, Clock.systemUTC(), settings.metadataMaxAgeS());
        mapping = new RestMapping(settings.maxRecordsPerCall(), metadata);
        if (!settings.missing().isEmpty()) {
            LOG.warning("Marketo REST backend is not configured; missing " + settings.missing());
            return;
        }
        api = new RestApi(settings, exchanges);
        LOG.info("Marketo REST backend calls " + settings.baseUrl().orElseThrow() + " as client id " + settings.clientId());
    }

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public int maxObjectsPerCall() {
        return settings.maxRecordsPerCall();
    }

    @Override
    public CallGroup callGroup(MObject object) {
        return mapping.group(object);
    }

    /**
     * The instance's Describe and tag types are read again first when they are due, each call under
     * its own permit, so that the count knows which objects will be sent.
     */
    @Override
    public int marketoCalls(SyncOperation operation, List<MObject> objects) {
        metadata.renewDue();
        return mapping.calls(objects);
    }

    @Override
    public List<String> missingSettings() {
        return settings.missing();
    }

    @Override
    public Optional<String> endpoint() {
        return settings.baseUrl();
    }

    @Override
    public List<ObjectStatus> syncMObjects(SyncOperation operation, List<MObject> objects) {
        requireConnected();
        String type = objects.get(0).type();
        if (MObject.PROGRAM.equals(type)) {
            return objects.stream().map(this::program).toList();
        }
        boolean opportunities = MObject.OPPORTUNITY.equals(type);
        return sync(opportunities ? OPPORTUNITIES : ROLES, opportunities ? RestMetadata.Described.OPPORTUNITY
                : RestMetadata.Described.OPPORTUNITY_ROLE, operation, objects);
    }

    /** Sync Opportunities or Roles: one call for the objects REST can express, results matched by seq. */
    private List<ObjectStatus> sync(String path, RestMetadata.Described described, SyncOperation operation,
                                    List<MObject> objects) {
        ObjectStatus[] statuses = new ObjectStatus[objects.size()];
        List<Integer> sent = new ArrayList<>();
        JsonArrayBuilder input = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < objects.size(); i++) {
            RestMapping.Mapped mapped = mapping.records(objects.get(i));
            if (mapped.gap() != null) {
                statuses[i] = ObjectStatus.failed(objects.get(i), mapped.gap());
            } else {
                input.add(mapped.record());
                sent.add(i);
            }
        }
        if (!sent.isEmpty()) {
            JsonObject answer = api.post(path, new RestApi.JsonBody(Jsonp.PROVIDER.createObjectBuilder()
                    .add("action", RestMapping.action(operation)).add("dedupeBy", "dedupeFields")
                    .add("input", input).build()));
            for (JsonValue value : results(answer)) {
                JsonObject result = value.asJsonObject();
                int seq = result.getInt("seq", -1);
                if (seq >= 0 && seq < sent.size()) {
                    int index = sent.get(seq);
                    statuses[index] = RestMapping.status(operation, objects.get(index), result);
                }
                if (RestMapping.reasons(result).stream().anyMatch(r -> FIELDS_CHANGED.contains(r.getString("code", "")))) {
                    metadata.stale(described);
                }
            }
        }
        for (int i = 0; i < statuses.length; i++) {
            if (statuses[i] == null) {
                statuses[i] = ObjectStatus.failed(objects.get(i), "Marketo returned no result for this record");
            }
        }
        return Arrays.asList(statuses);
    }

    /**
     * Tags first, one call each (setting a tag again changes nothing), then the costs, appended in one
     * call: a Program that fails on a tag has had no cost added.
     */
    private ObjectStatus program(MObject o) {
        RestMapping.ProgramUpdate update = mapping.program(o);
        if (update.gap() != null) {
            return ObjectStatus.failed(o, update.gap());
        }
        String program = "/rest/asset/v1/program/" + update.id();
        for (var tag : update.tags()) {
            try {
                api.post(program + "/tag/" + RestApi.segment(tag.name()) + ".json?"
                        + RestApi.form(Map.of("tagValue", tag.value())), new RestApi.FormBody(Map.of()));
            } catch (MarketoFaultException e) {
                // The instance may have dropped or renamed the tag type since it was read.
                metadata.tagTypesStale();
                throw e;
            }
        }
        if (!update.costs().isEmpty()) {
            api.post(program + ".json", new RestApi.FormBody(Map.of("costs", update.costs().toString())));
        }
        return new ObjectStatus(SyncStatus.UPDATED, o.id(), o.externalKey(), null);
    }

    /**
     * Opportunity INSERTs whose outcome is unknown, by their external keys (unique in REST), up to
     * {@value #KEYS_PER_LOOKUP} keys in one Get Opportunities call, as long as the URL stays short.
     * Roles are addressed by a SOAP opportunity id when this is asked, which REST cannot look up.
     */
    @Override
    public List<Optional<ObjectStatus>> existing(List<MObject> objects) {
        requireConnected();
        List<String> keys = objects.stream().filter(o -> MObject.OPPORTUNITY.equals(o.type()) && o.externalKey() != null)
                .map(o -> o.externalKey().value()).distinct().toList();
        Map<String, String> guids = new HashMap<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String key : keys) {
            if (!batch.isEmpty() && (batch.size() == KEYS_PER_LOOKUP || chars + key.length() > KEY_CHARS_PER_LOOKUP)) {
                lookUp(batch, guids);
                batch.clear();
                chars = 0;
            }
            batch.add(key);
            chars += key.length() + 1;
        }
        if (!batch.isEmpty()) {
            lookUp(batch, guids);
        }
        return objects.stream().map(o -> o.externalKey() == null || !MObject.OPPORTUNITY.equals(o.type())
                ? Optional.<ObjectStatus>empty()
                : Optional.ofNullable(guids.get(o.externalKey().value()))
                        .map(guid -> new ObjectStatus(SyncStatus.CREATED, null, o.externalKey(), null, guid))).toList();
    }

    /** One Get Opportunities call; what it found goes into {@code guids}, by key. */
    private void lookUp(List<String> keys, Map<String, String> guids) {
        Set<String> asked = new HashSet<>(keys);
        // filterValues is a comma-separated list: a key with a comma asks for several, so the answer is matched exactly.
        for (JsonObject found : read(OPPORTUNITIES, Map.of("filterType", "externalOpportunityId", "filterValues",
                String.join(",", keys), "fields", "marketoGUID,externalOpportunityId")).getValuesAs(JsonObject.class)) {
            String key = found.getString("externalOpportunityId", null);
            if (asked.contains(key)) {
                guids.put(key, found.getString("marketoGUID", null));
            }
        }
    }

    /**
     * A GET's {@code result}: a Marketo call outside any syncMObjects call (Describe, Get Tag Types,
     * a lookup), so it takes a permit of the node's call limiter of its own.
     */
    private JsonArray read(String path, Map<String, String> query) {
        requireConnected();
        try (CallLimiter.Permit permit = limiter.acquire()) {
            return results(api.get(path, query));
        }
    }

    private static JsonArray results(JsonObject answer) {
        return answer.containsKey("result") ? answer.getJsonArray("result") : JsonValue.EMPTY_JSON_ARRAY;
    }

    private void requireConnected() {
        if (api == null) {
            throw MarketoCredentialsException.settingsMissing(settings.missing());
        }
    }
}
