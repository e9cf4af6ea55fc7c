package io.mktsync.marketo.soap;

import io.mktsync.marketo.MarketoCredentialsException;
import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoQuotaException;
import io.mktsync.marketo.MarketoRateLimitedException;
import io.mktsync.marketo.MarketoUnavailableException;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.cxf.transport.http.HTTPException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns what CXF throws into Marketo's error code and its class: retry (internal errors, outages),
 * slow down (rate, concurrency), hold (quota, credentials), or refused.
 */
final class SoapFaults {

    static final String REQUEST_EXPIRED = "20016";

    /** Marketo's internal errors: worth asking again soon. */
    private static final Set<String> INTERNAL = Set.of("10001", "20011");
    private static final Set<String> CREDENTIALS = Set.of("20013", "20014");
    private static final String QUOTA = "20015";
    private static final String RATE = "20023";
    private static final String CONCURRENCY = "20024";
    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*(\\d{5})\\s*-\\s*(.*)$", Pattern.DOTALL);

    private SoapFaults() {
    }

    static MarketoException classify(WebServiceException e) {
        if (e instanceof SOAPFaultException fault) {
            return classifyFault(fault);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HTTPException http) {
                int status = http.getResponseCode();
                String code = "HTTP " + status;
                // 503 and 429 turn a call away before it is processed; another 5xx without Marketo's
                // fault may come from a gateway after Marketo applied the call.
                return status >= 500 || status == 408 || status == 429
                        ? new MarketoUnavailableException(code, http.getMessage(), status == 503 || status == 429, e)
                        : new MarketoFaultException(code, http.getMessage(), e);
            }
            if (t instanceof IOException io) {
                // A call that could not connect never left; any other broken exchange may have been applied.
                boolean neverSent = io instanceof ConnectException || io instanceof UnknownHostException;
                return new MarketoUnavailableException("IO", io.getClass().getSimpleName() + ": " + io.getMessage(),
                        neverSent, e);
            }
        }
        // No Marketo code and no HTTP status we could read: a broken exchange, treated as transient.
        return new MarketoUnavailableException("SOAP", String.valueOf(e.getMessage()), false, e);
    }

    private static MarketoException classifyFault(SOAPFaultException e) {
        SOAPFault fault = e.getFault();
        String faultString = fault == null ? String.valueOf(e.getMessage()) : fault.getFaultString();
        String code = detail(fault, "code");
        String text = faultString;
        Matcher m = LEADING_CODE.matcher(faultString == null ? "" : faultString);
        if (m.matches()) {
            code = code == null ? m.group(1) : code;
            text = m.group(2);
        }
        if (code == null) {
            return new MarketoUnavailableException("SOAP", "fault without a Marketo code: " + faultString, false, e);
        }
        if (INTERNAL.contains(code)) {
            return new MarketoUnavailableException(code, text, true, e);
        }
        if (QUOTA.equals(code)) {
            return new MarketoQuotaException(code, text, e);
        }
        if (RATE.equals(code) || CONCURRENCY.equals(code)) {
            return new MarketoRateLimitedException(code, text, CONCURRENCY.equals(code), e);
        }
        if (CREDENTIALS.contains(code)) {
            return new MarketoCredentialsException(code, text, e);
        }
        // A refused call says what was wrong only in its detail message, e.g. the unknown field's name.
        String message = detail(fault, "message");
        if (message != null) {
            message = message.replace(" (" + code + ")", "").trim();
        }
        return new MarketoFaultException(code, message == null || message.equals(text) ? text : text + ": " + message, e);
    }

    /**
     * {@code detail/serviceException/code}, the machine-readable form of Marketo's fault, or its
     * {@code message}.
     */
    private static String detail(SOAPFault fault, String element) {
        Detail detail = fault == null ? null : fault.getDetail();
        if (detail == null) {
            return null;
        }
        for (Iterator<?> it = detail.getDetailEntries(); it.hasNext(); ) {
            if (it.next() instanceof Element entry) {
                NodeList found = entry.getElementsByTagNameNS("*", element);
                if (found.getLength() == 0) {
                    found = entry.getElementsByTagName(element);
                }
                if (found.getLength() > 0) {
                    Node value = found.item(0);
                    return value.getTextContent().trim();
                }
            }
        }
        return null;
    }
}
