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
 * {@code POST /api/admin/import[?prune=true][&dryRun=true]} (administrators): imports an {@link AdminImport};
 * answers its {@link org.airgap.protocol.ImportSummary}. A folder-scoped administrator's import must stay
 * inside their folders ({@link ImportScope}); a prune, which removes what the file does not define anywhere,
 * needs an administrator of the whole plant.
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
        boolean prune = PlantRequest.flag(exchange, "prune");
        boolean dryRun = PlantRequest.flag(exchange, "dryRun");
        if (prune) {
            scope.requireEverything("an import with prune");
        }
        AdminImport definitions = exchange.readJson(AdminImport.class);
        if (!scope.everything()) {
            ImportScope.check(scope, services.repository().definitionsFor(exchange.user()), definitions);
        }
        exchange.sendOk(services.repository().plant().importDefinitions(exchange.session().user(), definitions, prune,
                dryRun));
    }
}
