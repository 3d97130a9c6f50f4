package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletResponse;

import org.airgap.archive.ArchiveFormat;
import org.airgap.archive.SnapshotArchives;
import org.airgap.model.Version;
import org.airgap.protocol.Api;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.SnapshotHold;
import org.airgap.store.Manifest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/components/<id>/versions}: the component's versions, oldest first;
 * {@code GET /api/components/<id>/versions/<number>/archive}: that version's files as tar.gz. Only for
 * components of the caller's jobs (an administrator: all).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.COMPONENTS + "*")
public class ComponentServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public ComponentServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        if (path.length == 2 && path[1].equals("versions")) {
            String componentId = readableComponent(exchange, path[0]);
            exchange.sendOk(services.repository().versions(componentId));
        } else if (path.length == 4 && path[1].equals("versions") && path[3].equals("archive")) {
            String componentId = readableComponent(exchange, path[0]);
            sendArchive(exchange, version(componentId, path[2]));
        } else {
            throw noSuchPath(exchange);
        }
    }

    private String readableComponent(Exchange exchange, String componentId) throws ServerException {
        UserInfo user = exchange.user();
        services.access().requireComponent(user, componentId);
        return componentId;
    }

    private Version version(String componentId, String numberText) throws ServerException {
        int number;
        try {
            number = Integer.parseInt(numberText);
        } catch (NumberFormatException e) {
            throw new ServerException(Kind.BAD_REQUEST, "'" + numberText + "' is not a version number");
        }
        return services.repository().version(componentId, number).orElseThrow(() -> new ServerException(
                Kind.NOT_FOUND, "component '" + componentId + "' has no version " + number));
    }

    /**
     * The device's links are kept as they are, so a version may hold a link that is absolute or leads
     * outside it: an archive must not carry it (docs/formats.md). Told as a conflict with the stored data
     * rather than a failure of the server.
     */
    private void requireArchivable(Version version) throws ServerException, IOException {
        Manifest manifest = services.repository().store().readSnapshot(version.snapshotId()).manifest();
        String problem = SnapshotArchives.exportProblem(manifest);
        if (problem != null) {
            throw new ServerException(Kind.CONFLICT, "version " + version.number() + " of component '"
                    + version.componentId() + "' cannot be downloaded as an archive: " + problem + ". An archive"
                    + " carries only links that stay inside it, so that unpacking it cannot write elsewhere. The"
                    + " version is stored whole: its manifest and files can be read one by one (GET "
                    + Api.MANIFESTS + version.snapshotId() + ", then " + Api.BLOBS + "<sha256> of each file)");
        }
    }

    /**
     * Streamed as it is written, without a temporary file (no disk used, and the first bytes leave at
     * once). The snapshot is held whole for gc until the last byte ({@code ServerRepository#holdSnapshot}):
     * a gc that drops the version meanwhile keeps its files, so a download that started completes; one whose
     * files gc removed before it started is refused (409) before the first byte. A failure later (a damaged
     * disk) cuts the connection, so an archive that fails half-way never reaches the client as complete (and
     * gzip's trailer would tell).
     */
    private void sendArchive(Exchange exchange, Version version) throws ServerException, IOException {
        try (SnapshotHold hold = services.repository().holdSnapshot(version.snapshotId(), "version "
                + version.number() + " of component '" + version.componentId() + "'")) {
            services.archiveHeld.accept(version.snapshotId());
            requireArchivable(version);
            HttpServletResponse response = exchange.response();
            response.setContentType("application/gzip");
            String name = (version.componentId() + "-version-" + version.number()).replaceAll("[^A-Za-z0-9._-]",
                    "_");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + name
                    + ArchiveFormat.TAR_GZ.suffix() + "\"");
            OutputStream out = response.getOutputStream();
            SnapshotArchives.exportSnapshot(services.repository().store(), version.snapshotId(), out,
                    ArchiveFormat.TAR_GZ, null);
        }
    }
}
