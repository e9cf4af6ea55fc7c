package io.mktsync.marketo.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mktsync.limits.CallLimiter;
import io.mktsync.marketo.MarketoExchanges;
import io.mktsync.metrics.MarketoCallMetrics;
import io.mktsync.reply.ObjectStatus;
import io.mktsync.reply.SyncStatus;
import io.mktsync.request.Attrib;
import io.mktsync.request.MObject;
import io.mktsync.request.SyncOperation;
import io.mktsync.tracing.RequestTraces;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend against a fake instance: Describe read under a permit, once, and again after a 1006. */
class RestBackendTest {

    private static final String DESCRIBE = "{\"success\":true,\"result\":[{\"name\":\"opportunity\",\"fields\":["
            + "{\"name\":\"name\",\"displayName\":\"Name\",\"dataType\":\"string\",\"updateable\":true}]}]}";

    private final List<String> paths = new ArrayList<>();
    private final List<Integer> permits = new ArrayList<>();
    private String syncAnswer = "{\"success\":true,\"result\":[{\"seq\":0,\"status\":\"created\",\"marketoGUID\":\"g\"}]}";
    private HttpServer server;
    private RestBackend backend;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            String body = path.startsWith("/identity") ? "{\"access_token\":\"t\",\"expires_in\":3600}"
                    : path.endsWith("describe.json") ? DESCRIBE : syncAnswer;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        RestSettings settings = new RestSettings();
        settings.baseUrl = Optional.of("http://127.0.0.1:" + server.getAddress().getPort());
        settings.clientId = Optional.of("c");
        settings.clientSecret = Optional.of("s");
        settings.identityForm = "query";
        settings.connectTimeoutMs = 2000;
        settings.receiveTimeoutMs = 2000;
        settings.maxRecordsPerCall = 300;
        settings.tokenRenewMarginS = 60;
        settings.metadataMaxAgeS = 86_400;
        backend = new RestBackend();
        backend.settings = settings;
        backend.limiter = new CallLimiter() {
            @Override
            public Permit acquire(int calls) {
                permits.add(calls);
                return () -> { };
            }
        };
        backend.exchanges = new MarketoExchanges(new MarketoCallMetrics(new SimpleMeterRegistry()),
                new RequestTraces(OpenTelemetry.noop().getTracer("test")));
        backend.connect();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static MObject opportunity(String attribute) {
        return new MObject(MObject.OPPORTUNITY, null, new Attrib("ext", "K"), List.of(new Attrib(attribute, "v")),
                List.of(), List.of());
    }

    /** As AttemptGuard calls the seam: the count (under which the call's permit is taken), then the call. */
    private List<ObjectStatus> send(MObject o) {
        int calls = backend.marketoCalls(SyncOperation.UPSERT, List.of(o));
        return calls == 0 ? List.of() : backend.syncMObjects(SyncOperation.UPSERT, List.of(o));
    }

    @Test
    void describeIsAMarketoCallWithItsOwnPermitMadeOnceAndAgainAfterA1006() {
        assertEquals(SyncStatus.CREATED, send(opportunity("Name")).get(0).status());
        assertEquals(SyncStatus.CREATED, send(opportunity("name")).get(0).status());
        assertEquals(List.of("/identity/oauth/token", RestMetadata.DESCRIBE_OPPORTUNITY, RestBackend.OPPORTUNITIES,
                RestBackend.OPPORTUNITIES), paths);
        assertEquals(List.of(1), permits, "Describe's own permit; the sync calls' are AttemptGuard's");

        syncAnswer = "{\"success\":true,\"result\":[{\"seq\":0,\"status\":\"skipped\","
                + "\"reasons\":[{\"code\":\"1006\",\"message\":\"Field 'name' not found\"}]}]}";
        assertEquals("1006 - Field 'name' not found", send(opportunity("Name")).get(0).error());
        send(opportunity("Name"));

        assertEquals(List.of(RestMetadata.DESCRIBE_OPPORTUNITY, RestBackend.OPPORTUNITIES, RestBackend.OPPORTUNITIES,
                RestBackend.OPPORTUNITIES, RestMetadata.DESCRIBE_OPPORTUNITY, RestBackend.OPPORTUNITIES),
                paths.subList(1, paths.size()), "read again before the call after the 1006");
        assertEquals(List.of(1, 1), permits);
    }

    @Test
    void anObjectFailedBeforeAnyCallCountsNone() {
        assertEquals(0, backend.marketoCalls(SyncOperation.UPSERT, List.of(opportunity("Colour"))));
        assertEquals(1, backend.marketoCalls(SyncOperation.UPSERT, List.of(opportunity("Colour"), opportunity("Name"))));
    }
}
