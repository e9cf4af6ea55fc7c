package io.mktsync.simulator;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The mktows SOAP endpoint, {@code POST /simulator/mktows}: what a plugin configured for a real
 * Marketo instance talks to. Call-level errors are HTTP 500 with Marketo's fault; per-object
 * outcomes are HTTP 200 with one status per object.
 */
@WebServlet(urlPatterns = {"/mktows", "/mktows/*"})
public class MktowsServlet extends MarketoApiServlet {

    static final int MAX_OBJECTS_PER_CALL = 100;
    private static final Set<String> OPERATIONS = Set.of("INSERT", "UPDATE", "UPSERT");

    @Inject
    Credentials credentials;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    @Override
    protected void answer(HttpServletRequest req, HttpServletResponse resp, MarketoLimits.Entry entry) throws IOException {
        Integer refusedByLimits = entry.refusal();
        if (refusedByLimits == null) {
            FaultInjector.pause(faults.latencyMs());
        }
        String operation = null;
        String syncOperation = null;
        List<SyncedObject> objects = List.of();
        try {
            SoapMessages.Request request = SoapMessages.read(req.getInputStream());
            operation = request.operation();
            objects = SoapMessages.objects(request.params());
            syncOperation = SoapMessages.operation(request.params());
            if (refusedByLimits != null) {
                throw MarketoFault.of(refusedByLimits);
            }

            FaultInjector.Verdict verdict = faults.next();
            FaultInjector.pause(verdict.delayMs());
            if (verdict.httpStatus() != null) {
                answerHttpStatus(resp, verdict.httpStatus());
                journal.record(entry.received(), entry.inFlight(), operation, syncOperation, objects, "HTTP " + verdict.httpStatus());
                return;
            }
            if (verdict.code() != null) {
                throw MarketoFault.of(verdict.code());
            }
            credentials.check(request);
            if ("paramsGetMObjects".equals(operation)) {
                SoapMessages.Lookup lookup = SoapMessages.lookup(request.params());
                write(resp, HttpServletResponse.SC_OK, SoapMessages.getResponse(store.find(lookup)));
                journal.record(entry.received(), entry.inFlight(), operation, null, List.of(), "OK");
                return;
            }
            if (!"paramsSyncMObjects".equals(operation)) {
                throw new MarketoFault(20019, "Unsupported Operation", "The simulator does not implement " + operation);
            }
            if (objects.size() > MAX_OBJECTS_PER_CALL) {
                throw new MarketoFault(20110, "Input error",
                        "Too many MObjects: " + objects.size() + ", at most " + MAX_OBJECTS_PER_CALL + " per call");
            }
            if (syncOperation == null || !OPERATIONS.contains(syncOperation.trim())) {
                throw new MarketoFault(20110, "Input error", "Invalid operation: " + syncOperation);
            }
            store.checkFields(objects);
            String answer = SoapMessages.syncResponse(store.sync(syncOperation.trim(), objects));
            write(resp, HttpServletResponse.SC_OK, answer);
            journal.record(entry.received(), entry.inFlight(), operation, syncOperation, objects, "OK");
        } catch (MarketoFault fault) {
            write(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, SoapMessages.fault(fault));
            journal.record(entry.received(), entry.inFlight(), operation, syncOperation, objects, String.valueOf(fault.code()));
        }
    }

    private static void write(HttpServletResponse resp, int status, String xml) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/xml;charset=UTF-8");
        resp.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
    }
}
