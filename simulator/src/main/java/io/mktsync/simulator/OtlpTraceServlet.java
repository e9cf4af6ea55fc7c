package io.mktsync.simulator;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint, {@code POST /simulator/otlp/v1/traces}, so
 * that tests can point WildFly's opentelemetry subsystem at the simulator
 * ({@code endpoint=http://127.0.0.1:8080/simulator/otlp}, protocol {@code http/protobuf}) and see
 * its spans in the {@link SpanJournal} instead of running a collector. Binary protobuf only (what
 * the SDK sends), gzip-compressed or not; a body that is not an {@code ExportTraceServiceRequest}
 * gets 400.
 */
@WebServlet("/otlp/v1/traces")
public class OtlpTraceServlet extends HttpServlet {

    static final String PROTOBUF = "application/x-protobuf";

    @Inject
    SpanJournal journal;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String contentType = req.getContentType();
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
            resp.sendError(415, "Only " + PROTOBUF + " is supported");
            return;
        }
        String encoding = req.getHeader("Content-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
            resp.sendError(415, "Content-Encoding " + encoding + " is not supported");
            return;
        }
        ExportTraceServiceRequest request;
        try {
            request = read(req.getInputStream(), encoding);
        } catch (IOException e) {
            resp.sendError(400, "Not an ExportTraceServiceRequest: " + e.getMessage());
            return;
        }
        journal.record(request);
        resp.setStatus(200);
        resp.setContentType(PROTOBUF);
        ExportTraceServiceResponse.getDefaultInstance().writeTo(resp.getOutputStream());
    }

    /** Parses a request body, gunzipping it first if its {@code Content-Encoding} is gzip. */
    static ExportTraceServiceRequest read(InputStream body, String contentEncoding) throws IOException {
        try (InputStream in = "gzip".equalsIgnoreCase(contentEncoding) ? new GZIPInputStream(body) : body) {
            return ExportTraceServiceRequest.parseFrom(in);
        }
    }
}
