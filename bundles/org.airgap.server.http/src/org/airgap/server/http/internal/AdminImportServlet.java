package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/admin/import[?prune=true][&dryRun=true]} (administrators of the whole plant): imports an
 * {@link AdminImport}; answers its {@link org.airgap.protocol.ImportSummary}.
 */
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
        AdminScope scope = exchange.adminScope();
        // An import may touch any folder, and a prune removes what is outside the file anywhere.
        scope.requireEverything("an import");
        boolean prune = PlantRequest.flag(exchange, "prune");
        boolean dryRun = PlantRequest.flag(exchange, "dryRun");
        AdminImport definitions = exchange.readJson(AdminImport.class);
        exchange.sendOk(services.repository().plant().importDefinitions(exchange.session().user(), definitions, prune,
                dryRun));
    }
}
