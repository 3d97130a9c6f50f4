package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET /api/jobs}: the jobs the caller may see (a technician: those assigned to them). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.JOBS)
public class JobsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public JobsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.sendOk(services.repository().jobSummaries(exchange.user()));
    }
}
