package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionsEnded;
import org.airgap.server.core.ServerException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/sessions} (administrators of the whole plant): GET lists the open sessions (whose, since
 * when, until when; never a token), {@code POST /api/admin/sessions/end} ends every one but the caller's —
 * when a token may have leaked, or before maintenance — audited as {@code SESSIONS_END}. Their next request
 * is refused with {@link SessionEndReason#ENDED_BY_ADMINISTRATOR}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_SESSIONS, Api.ADMIN_SESSIONS + "/*" })
public class AdminSessionsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    static final String SESSIONS_END = "SESSIONS_END";

    @Activate
    public AdminSessionsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("the session list");
        if (exchange.pathSegments().length != 0) {
            throw noSuchPath(exchange);
        }
        exchange.sendOk(services.sessions().openSessions(exchange.session().token()));
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("ending every session");
        String[] path = exchange.pathSegments();
        if (path.length != 1 || !("/" + path[0]).equals(Api.END_SUFFIX)) {
            throw noSuchPath(exchange);
        }
        int ended = services.sessions().endAllSessions(exchange.session().token(),
                SessionEndReason.ENDED_BY_ADMINISTRATOR);
        services.repository().recordAdministration(exchange.session().user(), SESSIONS_END, "every session",
                ended + (ended == 1 ? " session" : " sessions") + " ended; the administrator's own stays open");
        exchange.sendOk(new SessionsEnded(ended));
    }
}
