package io.mktsync.simulator;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Marketo's Identity service, {@code /simulator/identity/oauth/token}: the client credentials grant
 * by GET or POST, parameters in the query or a form body. Bad credentials get HTTP 401 in OAuth's form.
 * Identity calls count toward no limit, as in Marketo; an instance that is {@code down} is down here too.
 */
@WebServlet("/identity/oauth/token")
public class IdentityServlet extends HttpServlet {

    @Inject
    IdentityTokens tokens;

    @Inject
    FaultInjector faults;

    @Inject
    CallJournal journal;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(req, resp);
    }

    private void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // A form body's percent-encoded bytes are UTF-8, not the servlet default ISO-8859-1.
        req.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setContentType("application/json;charset=UTF-8");
        long received = System.currentTimeMillis();
        if (faults.down()) {
            resp.setStatus(503);
            journal.record(received, 0, "identity", null, List.of(), "HTTP 503");
            return;
        }
        IdentityTokens.Grant grant = "client_credentials".equals(req.getParameter("grant_type"))
                ? tokens.grant(req.getParameter("client_id"), req.getParameter("client_secret")) : null;
        if (grant == null) {
            resp.setStatus(401);
            resp.getWriter().write(RestMessages.JSON.createObjectBuilder().add("error", "invalid_client")
                    .add("error_description", "Bad client credentials").build().toString());
            journal.record(received, 0, "identity", null, List.of(), "HTTP 401");
            return;
        }
        resp.getWriter().write(RestMessages.JSON.createObjectBuilder().add("access_token", grant.accessToken())
                .add("token_type", "bearer").add("expires_in", grant.expiresIn())
                .add("scope", "mktsync-api@example.com").build().toString());
        journal.record(received, 0, "identity", null, List.of(), "OK");
    }
}
