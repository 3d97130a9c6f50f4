package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.SessionRefusedException;

import com.google.gson.JsonParseException;

/**
 * The base of every API endpoint: dispatches by method and turns failures into {@code ErrorResponse}
 * answers: refused tokens 401 with the reason, {@link ServerException}s their kind's status, malformed
 * JSON 400 naming the problem, anything unexpected 500 with a log line. Nothing is cached by clients or
 * proxies.
 */
abstract class JsonEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Logger LOG = Logger.getLogger("org.airgap.server.http");

    /** The most a refused request's unread body is read to keep its connection. */
    private static final long DRAIN_LIMIT = 2L * Api.MAX_JSON_BYTES;

    final transient ApiServices services;

    JsonEndpoint(ApiServices services) {
        this.services = services;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Exchange exchange = new Exchange(request, response, services.sessions(), services.repository());
        try {
            handle(exchange);
        } finally {
            drainUnreadBody(request);
        }
    }

    private void handle(Exchange exchange) throws IOException {
        HttpServletRequest request = exchange.request();
        try {
            switch (request.getMethod()) {
            case "GET" -> get(exchange);
            case "POST" -> post(exchange);
            case "PUT" -> put(exchange);
            case "DELETE" -> delete(exchange);
            default -> notAllowed(exchange);
            }
        } catch (SessionRefusedException e) {
            fail(exchange, e.kind().status(), e.getMessage(), e.reason().name());
        } catch (ServerException e) {
            fail(exchange, e.kind().status(), e.getMessage(), null);
        } catch (JsonParseException e) {
            fail(exchange, HttpServletResponse.SC_BAD_REQUEST, "malformed request: " + e.getMessage(), null);
        } catch (ClientGoneException e) {
            LOG.info(describe(request) + ": " + e.getMessage());
            fail(exchange, HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            if (DiskFull.causedIt(e)) {
                LOG.log(Level.SEVERE, describe(request) + " failed: the disk is full", e);
                fail(exchange, ServerException.Kind.INSUFFICIENT_STORAGE.status(), DiskFull.MESSAGE, null);
                return;
            }
            LOG.log(Level.SEVERE, describe(request) + " failed", e);
            fail(exchange, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    "the server failed to handle the request (its log has the details): " + e.getClass().getSimpleName(),
                    null);
        }
    }

    /**
     * Reads what the endpoint left of the body (answered before reading it: refused, or a blob stored
     * already), so that a client still sending it gets the answer instead of a reset connection. Not
     * when the client waits for "100 Continue" (it then sends nothing), nor beyond a bound (the
     * connection is then closed).
     */
    private static void drainUnreadBody(HttpServletRequest request) {
        String expect = request.getHeader("Expect");
        if (expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue")
                || request.getContentLengthLong() > DRAIN_LIMIT) {
            return;
        }
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long drained = 0;
            for (int n; drained <= DRAIN_LIMIT && (n = in.read(buffer)) >= 0;) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the body was read another way: nothing left to do
        }
    }

    void get(Exchange exchange) throws ServerException, IOException {
        notAllowed(exchange);
    }

    void post(Exchange exchange) throws ServerException, IOException {
        notAllowed(exchange);
    }

    void put(Exchange exchange) throws ServerException, IOException {
        notAllowed(exchange);
    }

    void delete(Exchange exchange) throws ServerException, IOException {
        notAllowed(exchange);
    }

    /** 404 for a path below the servlet's pattern that names nothing. */
    static ServerException noSuchPath(Exchange exchange) {
        return new ServerException(ServerException.Kind.NOT_FOUND, "no such API path: "
                + exchange.request().getRequestURI() + " (docs/server.md lists the endpoints)");
    }

    private static void notAllowed(Exchange exchange) throws IOException {
        exchange.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, exchange.request().getMethod()
                + " is not supported on " + exchange.request().getRequestURI(), null);
    }

    /** Answers with an error unless part of an answer went out already (then the connection just ends). */
    private static void fail(Exchange exchange, int status, String error, String reason) throws IOException {
        HttpServletResponse response = exchange.response();
        if (response.isCommitted()) {
            LOG.warning(describe(exchange.request()) + ": cannot report '" + error + "' after the answer started");
            // Thrown to the container, which then cuts the connection: a streamed answer must not end as if complete.
            throw new IOException("the answer was cut off: " + error);
        }
        response.reset();
        response.setHeader("Cache-Control", "no-store");
        exchange.sendError(status, error, reason);
    }

    private static String describe(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }
}
