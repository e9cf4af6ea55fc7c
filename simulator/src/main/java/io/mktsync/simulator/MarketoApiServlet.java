package io.mktsync.simulator;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the simulated SOAP and REST APIs share: one set of data, one fault plan, one call journal,
 * and Marketo's limits counted around every call of either.
 */
abstract class MarketoApiServlet extends HttpServlet {

    @Inject
    FaultInjector faults;

    @Inject
    MObjectStore store;

    @Inject
    CallJournal journal;

    @Inject
    MarketoLimits limits;

    /** One call, in Marketo's limits while it runs. */
    protected final void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MarketoLimits.Entry entry = limits.enter();
        try {
            answer(req, resp, entry);
        } finally {
            limits.leave();
        }
    }

    /** @param entry how many calls were running as this one began, and the code refusing it, if any */
    protected abstract void answer(HttpServletRequest req, HttpServletResponse resp, MarketoLimits.Entry entry)
            throws IOException;

    /** The fault plan's HTTP status, with a plain-text body and no Marketo code, like a load balancer's. */
    protected static void answerHttpStatus(HttpServletResponse resp, int status) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("Simulated HTTP " + status + ": Marketo is not answering\n");
    }
}
