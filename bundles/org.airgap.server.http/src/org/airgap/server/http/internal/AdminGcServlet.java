package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/admin/gc[?dryRun=true]} (administrators of the whole plant): applies the retention
 * policies and removes what nothing kept names, beside the uploads in progress ({@link UploadGuard});
 * answers the {@link org.airgap.protocol.GcResult}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_GC)
public class AdminGcServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminGcServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("garbage collection");
        String dryRun = exchange.queryParameter("dryRun");
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            throw new ServerException(Kind.BAD_REQUEST, "dryRun must be true or false, not '" + dryRun + "'");
        }
        exchange.sendOk(services.repository().collectGarbage(exchange.user().name(), "true".equals(dryRun),
                services.uploadGuard()));
    }
}
