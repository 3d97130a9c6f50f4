package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Paths;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/manifests/<snapshot id>}: the manifest's canonical bytes, whose SHA-256 is the id.
 * Only for snapshots the caller may read ({@link Access}); others are 404, like unknown ones.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.MANIFESTS + "*")
public class ManifestServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public ManifestServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        if (path.length != 1 || !Paths.isSha256(path[0])) {
            throw noSuchPath(exchange);
        }
        String id = path[0];
        if (!services.access().mayReadSnapshot(exchange.user(), id)) {
            throw new ServerException(Kind.NOT_FOUND, "no snapshot " + id + " among the components of your jobs");
        }
        byte[] manifest = ManifestFormat.toJson(services.repository().store().readSnapshot(id).manifest());
        if (!ManifestFormat.sha256(manifest).equals(id)) {
            throw new IOException("the stored manifest " + id + " does not give back its id: run a store verify");
        }
        exchange.response().setContentType(Api.JSON + ";charset=UTF-8");
        exchange.response().setContentLength(manifest.length);
        exchange.response().getOutputStream().write(manifest);
    }
}
