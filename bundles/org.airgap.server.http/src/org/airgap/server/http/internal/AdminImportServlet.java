package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code POST /api/admin/import} (administrators): imports an {@link AdminImport}; answers its {@link org.airgap.protocol.ImportReport}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_IMPORT)
public class AdminImportServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminImportServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.admin();
        AdminImport definitions = exchange.readJson(AdminImport.class);
        exchange.sendOk(services.repository().importDefinitions(definitions));
    }
}
