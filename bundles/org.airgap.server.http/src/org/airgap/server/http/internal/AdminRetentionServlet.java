package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.servlet.Servlet;

import org.airgap.model.Component;
import org.airgap.protocol.Api;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/retention} (administrators): GET lists the policies set in the caller's folders;
 * {@code …/folder/<id>} and {@code …/component/<id>}: GET the policy that applies there, PUT a
 * {@link RetentionPolicy}, DELETE the target's own. Each target is checked against the caller's
 * {@link AdminScope} with its folder (a component's folder).
 */
@org.osgi.service.component.annotations.Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_RETENTION, Api.ADMIN_RETENTION + "/*" })
public class AdminRetentionServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    /** A policy is three fields: a larger body is not one. */
    private static final int MAX_POLICY_BYTES = 4096;

    @Activate
    public AdminRetentionServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        if (exchange.pathSegments().length == 0) {
            List<RetentionSetting> visible = new ArrayList<>();
            for (RetentionSetting setting : services.repository().retentionPolicies()) {
                Optional<String> folder = folderOf(setting.kind(), setting.id());
                if (folder.isPresent() && scope.covers(folder.get())) {
                    visible.add(setting);
                }
            }
            exchange.sendOk(visible);
            return;
        }
        String[] target = target(exchange, scope);
        exchange.sendOk(services.repository().retention(target[0], target[1]));
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] target = target(exchange, scope);
        RetentionPolicy policy = exchange.readJson(RetentionPolicy.class, MAX_POLICY_BYTES);
        exchange.sendOk(services.repository().setRetention(target[0], target[1], policy, exchange.user().name()));
    }

    @Override
    void delete(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] target = target(exchange, scope);
        exchange.sendOk(services.repository().clearRetention(target[0], target[1], exchange.user().name()));
    }

    /** The path's kind and id, checked to exist and to be in the caller's scope. */
    private String[] target(Exchange exchange, AdminScope scope) throws ServerException {
        String[] path = exchange.pathSegments();
        if (path.length != 2 || path[1].isEmpty()) {
            throw noSuchPath(exchange);
        }
        if (!path[0].equals(RetentionSetting.FOLDER) && !path[0].equals(RetentionSetting.COMPONENT)) {
            throw new ServerException(Kind.NOT_FOUND, "no such API path: " + exchange.request().getRequestURI()
                    + " (a retention policy is set on " + Api.ADMIN_RETENTION + "/folder/<id> or …/component/<id>)");
        }
        scope.requireId(path[0], path[1], folderOf(path[0], path[1]).orElse(null), () -> new ServerException(
                Kind.NOT_FOUND, "no " + path[0] + " '" + path[1] + "'"));
        return path;
    }

    /** The folder a target is checked with: a folder itself, a component's folder; empty when unknown. */
    private Optional<String> folderOf(String kind, String id) throws ServerException {
        if (kind.equals(RetentionSetting.COMPONENT)) {
            return services.repository().component(id).map(Component::folderId);
        }
        try {
            // The repository has no folder lookup of its own; asking for the folder's policy tells whether it exists.
            services.repository().retention(RetentionSetting.FOLDER, id);
            return Optional.of(id);
        } catch (ServerException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
