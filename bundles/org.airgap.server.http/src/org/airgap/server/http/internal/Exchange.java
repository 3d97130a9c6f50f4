package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSession;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.core.SessionManager;
import org.airgap.server.core.SessionRefusedException;

/** One request to an endpoint and its answer: the caller's session, the JSON body, the JSON response. */
final class Exchange {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final SessionManager sessions;
    private final ServerRepository repository;
    private ServerSession session;

    /** {@code repository} tells an administrator's folder scope ({@link #adminScope()}). */
    Exchange(HttpServletRequest request, HttpServletResponse response, SessionManager sessions,
            ServerRepository repository) {
        this.request = request;
        this.response = response;
        this.sessions = sessions;
        this.repository = repository;
    }

    HttpServletRequest request() {
        return request;
    }

    HttpServletResponse response() {
        return response;
    }

    /** The path below the servlet's pattern, split at '/': "/a/b" gives ["a", "b"]; none gives []. */
    String[] pathSegments() {
        String info = request.getPathInfo();
        if (info == null || info.equals("/") || info.isEmpty()) {
            return new String[0];
        }
        return (info.startsWith("/") ? info.substring(1) : info).split("/", -1);
    }

    /**
     * A query parameter, read from the query string only: {@code getParameter} could read a
     * form-encoded body, which for a blob chunk is the data.
     *
     * @throws ServerException BAD_REQUEST for a broken %-escape (found by fuzzing: it was a 500)
     */
    String queryParameter(String name) throws ServerException {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private static String decode(String text) throws ServerException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ServerException(Kind.BAD_REQUEST, "the query string has a broken %-escape in '" + text
                    + "': " + e.getMessage());
        }
    }

    /** The bearer token of the request; a missing one is refused like an unknown one, with its own reason. */
    String token() throws SessionRefusedException {
        String header = request.getHeader(Api.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, Api.BEARER, 0, Api.BEARER.length())
                || header.substring(Api.BEARER.length()).isBlank()) {
            throw new SessionRefusedException(SessionEndReason.NO_TOKEN);
        }
        return header.substring(Api.BEARER.length()).trim();
    }

    /** The caller's session (this request counts as activity). */
    ServerSession session() throws SessionRefusedException {
        if (session == null) {
            session = sessions.authenticate(token());
        }
        return session;
    }

    UserInfo user() throws SessionRefusedException {
        ServerSession current = session();
        return new UserInfo(current.user(), current.role());
    }

    /**
     * The part of the plant the caller administers; FORBIDDEN for a technician. Every administrative
     * endpoint checks what it touches against it ({@link AdminScope#require(String)} with the folder of the
     * folder, component or job; {@link AdminScope#requireEverything(String)} for server-wide operations).
     */
    AdminScope adminScope() throws ServerException {
        return repository.adminScope(admin().user());
    }

    /** The caller's session, which must be an administrator's. */
    ServerSession admin() throws ServerException {
        ServerSession current = session();
        if (!current.admin()) {
            throw new ServerException(Kind.FORBIDDEN, "administrators only: user " + current.user()
                    + " is a technician");
        }
        return current;
    }

    /**
     * The body as a message; at most {@link Api#MAX_JSON_BYTES} are read.
     *
     * @throws ServerException TOO_LARGE for a longer body
     * @throws com.google.gson.JsonParseException naming the problem for malformed JSON
     */
    <T> T readJson(Class<T> type) throws ServerException, IOException {
        return readJson(type, Api.MAX_JSON_BYTES);
    }

    /** The body as a message, refused with TOO_LARGE beyond {@code maxBytes} before it is parsed. */
    <T> T readJson(Class<T> type, int maxBytes) throws ServerException, IOException {
        return ProtocolJson.read(new String(readBody(maxBytes), StandardCharsets.UTF_8), type);
    }

    private byte[] readBody(int maxBytes) throws ServerException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
        InputStream in = request.getInputStream();
        byte[] body;
        try {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ClientGoneException("the client stopped sending the request body", e);
        }
        if (body.length > maxBytes) {
            throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
        }
        return body;
    }

    private static ServerException tooLarge(String size, int maxBytes) {
        return new ServerException(Kind.TOO_LARGE, "the request body of " + size + " exceeds the limit of "
                + maxBytes + " bytes for " + (maxBytes == Api.MAX_JSON_BYTES ? "JSON messages" : "this request"));
    }

    void sendJson(int status, Object message) throws IOException {
        byte[] body = ProtocolJson.write(message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(Api.JSON + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Sends {@code message} as JSON with the server's signature over its exact bytes in the header
     * {@link ServerSignature#SIGNATURE_HEADER} (docs/formats.md, "Server signatures").
     */
    void sendSignedOk(Object message, ServerSigningKey key, String context, String binding) throws IOException {
        byte[] body = ProtocolJson.write(message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(Api.JSON + ";charset=UTF-8");
        response.setHeader(ServerSignature.SIGNATURE_HEADER, key.sign(context, binding, body));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    void sendOk(Object message) throws IOException {
        sendJson(HttpServletResponse.SC_OK, message);
    }

    void sendError(int status, String error, String reason) throws IOException {
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        sendJson(status, new ErrorResponse(error, reason));
    }
}
