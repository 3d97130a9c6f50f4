package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.protocol.Api;
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/admin/audit} (administrators of the whole plant): a page of the server's own audit trail
 * and the laptops' trails, filtered ({@link AuditQuery}), each trail's chain verified;
 * {@code GET /api/admin/audit/verify}: only the verification. The trails name users, subjects and laptops
 * of the whole plant, so a folder-scoped administrator is refused rather than shown a filtered part.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_AUDIT, Api.ADMIN_AUDIT_VERIFY })
public class AdminAuditServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminAuditServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("reading the audit trail");
        AuditFilter filter = AuditQuery.filter(exchange);
        if (exchange.request().getServletPath().equals(Api.ADMIN_AUDIT_VERIFY)) {
            exchange.sendOk(services.repository().verifyAuditTrails(filter.source()));
        } else {
            exchange.sendOk(services.repository().auditTrail(filter, AuditQuery.newestFirst(exchange)));
        }
    }
}
