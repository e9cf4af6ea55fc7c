package io.mktsync.marketo.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.mktsync.marketo.MarketoException;
import io.mktsync.marketo.MarketoFaultException;
import io.mktsync.marketo.MarketoUnavailableException;
import jakarta.xml.ws.WebServiceException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpTimeoutException;
import org.apache.cxf.transport.http.HTTPException;
import org.junit.jupiter.api.Test;

/** What CXF throws when no SOAP fault came back, and how it is classed. */
class SoapFaultsTest {

    private static MarketoException classify(Throwable cause) {
        return SoapFaults.classify(new WebServiceException("Could not send Message.", cause));
    }

    private static HTTPException http(int status) {
        try {
            return new HTTPException(status, "status " + status, new URL("http://127.0.0.1:8080/simulator/mktows"));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void connectionErrorsAndTimeoutsAreTransient() {
        assertInstanceOf(MarketoUnavailableException.class, classify(new ConnectException("Connection refused")));
        assertInstanceOf(MarketoUnavailableException.class, classify(new SocketTimeoutException("Read timed out")));
        assertInstanceOf(MarketoUnavailableException.class, classify(new HttpTimeoutException("request timed out")));
        assertEquals("IO", classify(new ConnectException("Connection refused")).code());
        assertEquals(true, classify(new ConnectException("Connection refused")).notApplied(), "it never left");
        assertEquals(false, classify(new SocketTimeoutException("Read timed out")).notApplied(), "it may have been applied");
    }

    @Test
    void serverErrorsWithoutMarketoCodeAreTransientClientErrorsAreNot() {
        MarketoException unavailable = classify(http(503));
        assertInstanceOf(MarketoUnavailableException.class, unavailable);
        assertEquals("HTTP 503", unavailable.code());
        assertInstanceOf(MarketoUnavailableException.class, classify(http(429)));
        assertEquals(true, unavailable.notApplied(), "503 turns the call away");
        assertEquals(false, classify(http(504)).notApplied(), "a gateway timeout may hide an applied call");
        assertInstanceOf(MarketoFaultException.class, classify(http(404)), "a wrong endpoint is no outage");
    }
}
