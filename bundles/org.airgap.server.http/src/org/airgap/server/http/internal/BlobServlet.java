package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.http.internal.UploadArea.OffsetMismatchException;
import org.airgap.store.ContentStore;
import org.airgap.store.Paths;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/blobs/<sha256>}: GET the bytes (of a blob the caller may read, {@link Access});
 * {@code GET …/status?size=N} how much the server has; {@code PUT ?offset=N&size=TOTAL} one chunk of an
 * upload (docs/server.md, "Sync protocol"). Any logged-in user may upload: a blob is stored only under
 * the hash of its bytes and is part of nothing until a commit names it. Whether the server holds a blob
 * is told only to users who may name it ({@link BlobClaims}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.BLOBS + "*")
public class BlobServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    private static final String STATUS = "status";
    /** Bytes per write of a blob sent to a client. */
    private static final int SEND_BUFFER = 1024 * 1024;

    @Activate
    public BlobServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        if (path.length == 2 && path[1].equals(STATUS)) {
            String sha256 = sha256(exchange, path[0]);
            boolean nameable = services.claims().mayName(exchange.user(), sha256);
            exchange.sendOk(services.uploads().status(exchange.user().name(), sha256, longParameter(exchange, "size"),
                    nameable));
            return;
        }
        if (path.length != 1) {
            throw noSuchPath(exchange);
        }
        String sha256 = sha256(exchange, path[0]);
        if (!services.access().mayReadBlob(exchange.user(), sha256)) {
            throw new ServerException(Kind.NOT_FOUND, "no blob " + sha256 + " in the snapshots of your components");
        }
        ContentStore store = services.repository().store();
        HttpServletResponse response = exchange.response();
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(store.blobSize(sha256));
        // Not hashed on the way out: the laptop's store hashes what it receives and refuses a blob that
        // does not match the name it asked for and reports it (docs/server.md, "Pull"), so a blob damaged
        // on the server's disk is still never taken. Large writes: fewer passes through Jetty and TLS.
        try (InputStream blob = store.openBlobUnchecked(sha256)) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[SEND_BUFFER];
            for (int n; (n = blob.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
            }
        }
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        String[] path = exchange.pathSegments();
        if (path.length != 1) {
            throw noSuchPath(exchange);
        }
        String sha256 = sha256(exchange, path[0]);
        UserInfo user = exchange.user();
        long offset = longParameter(exchange, "offset");
        long size = longParameter(exchange, "size");
        long limit = services.repository().settings().maxUploadBytes();
        if (limit > 0 && size > limit) {
            throw new ServerException(Kind.TOO_LARGE, "blob " + sha256 + " has " + size
                    + " bytes; this server accepts blobs up to " + limit + " bytes (server.ini)");
        }
        if (offset > size) {
            throw new ServerException(Kind.BAD_REQUEST, "offset " + offset + " is beyond the blob's size " + size);
        }
        String chunkSha256 = exchange.request().getHeader(Api.CHUNK_SHA256);
        if (chunkSha256 != null && !Paths.isSha256(chunkSha256)) {
            throw new ServerException(Kind.BAD_REQUEST, Api.CHUNK_SHA256
                    + " must be 64 lower-case hex digits, not '" + chunkSha256 + "'");
        }
        // A stored blob the user may not name is received like a new one: its bytes prove possession.
        boolean nameable = services.claims().mayName(user, sha256);
        try {
            BlobStatus status = services.uploads().receive(user.name(), sha256, offset, size, nameable, chunkSha256,
                    exchange.request().getContentLengthLong(), exchange.request().getInputStream());
            if (!nameable && status.received() == status.size()) {
                services.claims().proven(user, sha256);
            }
            exchange.sendOk(status);
        } catch (OffsetMismatchException e) {
            exchange.sendJson(HttpServletResponse.SC_CONFLICT, e.status);
        }
    }

    private static String sha256(Exchange exchange, String text) throws ServerException {
        if (!Paths.isSha256(text)) {
            throw new ServerException(Kind.BAD_REQUEST, "'" + text + "' in " + exchange.request().getRequestURI()
                    + " is not a SHA-256 of 64 lower-case hex digits");
        }
        return text;
    }

    private static long longParameter(Exchange exchange, String name) throws ServerException {
        String text = exchange.queryParameter(name);
        if (text == null) {
            throw new ServerException(Kind.BAD_REQUEST, "the query parameter " + name + "=N is missing");
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerException(Kind.BAD_REQUEST, "the query parameter " + name
                + " must be a number of bytes (0 or more), not '" + text + "'");
    }
}
