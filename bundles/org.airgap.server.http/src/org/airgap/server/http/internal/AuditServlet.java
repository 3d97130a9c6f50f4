package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.protocol.Api;
import org.airgap.protocol.AuditUpload;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code POST /api/audit}: stores the laptop's audit entries, each once; answers an {@link org.airgap.protocol.AuditAck}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.AUDIT)
public class AuditServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AuditServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        String user = exchange.session().user();
        AuditUpload upload = exchange.readJson(AuditUpload.class);
        exchange.sendOk(services.repository().storeAudit(user, upload.entries()));
    }
}
