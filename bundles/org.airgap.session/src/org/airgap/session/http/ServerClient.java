package org.airgap.session.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import org.airgap.protocol.Api;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.CertificateProblem;
import org.airgap.session.ClientSession;
import org.airgap.session.trust.CertificateMessages;
import org.airgap.session.trust.Loopback;
import org.airgap.session.trust.TlsClients;
import org.airgap.session.trust.UnpinnedCertificateException;

import com.google.gson.JsonParseException;

/**
 * Calls the Airgap server's API at one base URI, with a bearer token when given. Every failure is a
 * {@link ServerCallException} whose message names the server and the problem.
 */
public final class ServerClient {

    /**
     * How long to wait for a connection. {@code java.net.http} counts the TLS handshake into it, and a command's
     * JVM does its first handshake cold: on a busy laptop that alone took more than 10 s (seen in CI on
     * loopback, the server answering other clients at once), so the bound is generous; an address that does
     * not answer at all is still named within half a minute.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long to wait for an answer to a JSON request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI server;
    private final String token;
    private final CertificateFingerprint pin;

    /**
     * @param server the server's base URI ({@code https://host:port}, optionally with a path prefix)
     * @param token  the bearer token, or {@code null} for calls without one (login)
     */
    public ServerClient(URI server, String token) {
        this(server, token, null);
    }

    /**
     * @param pin the certificate pinned for the server, accepted besides those of trusted authorities;
     *            {@code null}: only certificates of trusted authorities (docs/server.md, "Trusting the
     *            server's certificate")
     */
    public ServerClient(URI server, String token, CertificateFingerprint pin) {
        this.server = checkServer(server);
        this.token = token;
        this.pin = pin;
    }

    /** The client of a session's calls: its server, token and the pin it logged in with. */
    public static ServerClient forSession(ClientSession session) {
        return new ServerClient(session.server(), session.token(), session.certificate());
    }

    /**
     * Checks that the URI can be a server's base address, with a message saying what is wrong: an
     * {@code https://} URL, or {@code http://} to this machine only (nothing on the network can read or
     * forge a loopback connection).
     */
    public static URI checkServer(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || server.getHost() == null) {
            throw new IllegalArgumentException("'" + server + "' is not a server address: use http://HOST:PORT or "
                    + "https://HOST:PORT");
        }
        if (scheme.equalsIgnoreCase("http") && !Loopback.isLoopback(server.getHost())) {
            throw new IllegalArgumentException("'" + server + "' is refused: plain http:// is only for an Airgap "
                    + "server on this machine (localhost, 127.0.0.1, [::1]) — over the network the password and the "
                    + "programs would travel unencrypted to whoever answers; use https://" + server.getRawAuthority()
                    + " (ask your administrator for the server's https address)");
        }
        return server;
    }

    public URI server() {
        return server;
    }

    /** The absolute URI of an API path such as {@code /api/sync} (with a query, if any). */
    public URI resolve(String pathAndQuery) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + pathAndQuery);
    }

    /** A request builder for {@code pathAndQuery} with the bearer token and the JSON timeout. */
    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header(Api.AUTHORIZATION, Api.BEARER + token);
        }
        return builder;
    }

    /**
     * Sends a request; an answer with any status is returned, only a missing answer throws.
     *
     * @throws ServerCallException UNREACHABLE naming the network problem
     * @throws InterruptedIOException when the thread is interrupted while waiting
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return TlsClients.forPin(pin, CONNECT_TIMEOUT).send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the Airgap server at " + server);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The certificate pinned for the server that this client accepts, if any. */
    public Optional<CertificateFingerprint> pin() {
        return Optional.ofNullable(pin);
    }

    /** GET {@code path} and read the JSON answer as {@code type}. */
    public <T> T getJson(String path, Class<T> type) throws IOException {
        return json(send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()), type);
    }

    /** GET {@code path} and read the JSON array answer. */
    public <T> List<T> getJsonList(String path, Class<T> type) throws IOException {
        HttpResponse<String> response = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        String body = successBody(response);
        try {
            return ProtocolJson.readList(body, type);
        } catch (JsonParseException e) {
            throw notAirgap(response, e);
        }
    }

    /** POST {@code message} as JSON ({@code null}: an empty body) and read the answer as {@code type}. */
    public <T> T postJson(String path, Object message, Class<T> type) throws IOException {
        return postJson(path, message, type, REQUEST_TIMEOUT);
    }

    /** {@link #postJson(String, Object, Class)} for requests the server may take longer to answer. */
    public <T> T postJson(String path, Object message, Class<T> type, Duration timeout) throws IOException {
        return json(send(post(path, message, timeout), HttpResponse.BodyHandlers.ofString()), type);
    }

    /**
     * GET {@code path} as a stream (for large bodies, {@link BlobConnections}); the caller closes it. Each read
     * waits at most {@link #REQUEST_TIMEOUT} for bytes, so a server that falls silent mid-body is a failure,
     * not a hang. Reading it may throw the network's IOExceptions: see {@link #unreachable(IOException)}.
     */
    public InputStream getStream(String path) throws IOException {
        URI uri = resolve(path);
        HttpURLConnection connection = BlobConnections.open(uri, pin, token, REQUEST_TIMEOUT);
        int status;
        String body;
        try {
            status = connection.getResponseCode();
            if (status / 100 == 2) {
                return connection.getInputStream();
            }
            body = BlobConnections.answerBody(connection, status);
        } catch (IOException e) {
            connection.disconnect();
            throw unreachable(e);
        }
        throw failure(status, body, "GET", uri);
    }

    /** An answer's status and body. */
    public record Answer(int statusCode, String body) {
    }

    /**
     * PUT {@code length} bytes of {@code bytes} as {@code application/octet-stream} with the given headers,
     * over a kept-alive blocking connection ({@link BlobConnections}): the bytes are written from the array
     * as they are, without a copy. The whole exchange must end within {@code timeout}; the answer is
     * returned with any status.
     *
     * @throws ServerCallException UNREACHABLE when no answer came
     */
    public Answer putBytes(String pathAndQuery, Map<String, String> headers, byte[] bytes, int offset, int length,
            Duration timeout) throws IOException {
        HttpURLConnection connection = BlobConnections.open(resolve(pathAndQuery), pin, token, timeout);
        ScheduledFuture<?> watchdog = BlobConnections.disconnectAfter(connection, timeout);
        try {
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            connection.setRequestProperty("Content-Type", "application/octet-stream");
            headers.forEach(connection::setRequestProperty);
            IOException writeFailure = null;
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                writeFailure = e; // the server may have answered early (a 409 or 413 before the body): read it
            }
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            String body = BlobConnections.answerBody(connection, status);
            if (status == 401 && body.isBlank()) {
                // java.net drops a 401's body in streaming mode; the token's refusal (and its reason) is the same
                // for any call, so ask the session's.
                HttpResponse<String> session = send(request(Api.SESSION).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                body = session.statusCode() == 401 ? session.body() : body;
            }
            return new Answer(status, body);
        } catch (ServerCallException e) {
            throw e;
        } catch (IOException e) {
            connection.disconnect();
            if (watchdog.isDone()) {
                HttpTimeoutException late = new HttpTimeoutException("no answer within " + timeout);
                late.initCause(e);
                throw unreachable(late);
            }
            throw unreachable(e);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** POST {@code message} as JSON ({@code null}: an empty body) where no answer body is expected. */
    public void postNoAnswer(String path, Object message) throws IOException {
        successBody(send(post(path, message, REQUEST_TIMEOUT), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest post(String path, Object message, Duration timeout) {
        HttpRequest.BodyPublisher body = message == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(ProtocolJson.write(message));
        return request(path).timeout(timeout).header("Content-Type", Api.JSON).POST(body).build();
    }

    /** The answer read as {@code type} when it is a success; else the failure it names. */
    public <T> T json(HttpResponse<String> response, Class<T> type) throws ServerCallException {
        String body = successBody(response);
        try {
            return ProtocolJson.read(body, type);
        } catch (JsonParseException e) {
            throw notAirgap(response, e);
        }
    }

    /** The body of a 2xx answer; else the failure the answer names. */
    public String successBody(HttpResponse<String> response) throws ServerCallException {
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        throw failure(response.statusCode(), response.body(), response);
    }

    /**
     * The failure an error answer means: the server's ErrorResponse (with the 401 reason), or "not an
     * Airgap server" when the body is not one.
     */
    public ServerCallException failure(int status, String body, HttpResponse<?> response) {
        return failure(status, body, response.request().method(), response.request().uri());
    }

    /** {@link #failure(int, String, HttpResponse)} of an answer to {@code method} on {@code uri}. */
    public ServerCallException failure(int status, String body, String method, URI uri) {
        ErrorResponse error = null;
        try {
            error = body == null || body.isBlank() ? null : ProtocolJson.read(body, ErrorResponse.class);
        } catch (JsonParseException e) {
            // handled below: not an Airgap answer
        }
        if (error == null || error.error() == null) {
            return notAirgap(status, method, uri, null);
        }
        SessionEndReason reason = null;
        if (error.reason() != null) {
            try {
                reason = SessionEndReason.valueOf(error.reason());
            } catch (IllegalArgumentException e) {
                reason = SessionEndReason.UNKNOWN_TOKEN; // a newer server's reason: still "log in again"
            }
        }
        String message = reason != null ? reason.message() : error.error();
        return new ServerCallException(ServerCallException.Kind.REFUSED, status, reason, message, null);
    }

    private ServerCallException notAirgap(HttpResponse<?> response, Throwable cause) {
        return notAirgap(response.statusCode(), response.request().method(), response.request().uri(), cause);
    }

    private ServerCallException notAirgap(int status, String method, URI uri, Throwable cause) {
        return new ServerCallException(ServerCallException.Kind.NOT_AIRGAP_SERVER, status, null,
                "the server at " + server + " answered " + method + " "
                        + uri.getPath() + " with HTTP " + status
                        + " and no Airgap answer — check that the address is the Airgap server's (host, port, "
                        + "http or https)", cause);
    }

    /**
     * The failure of a call that got no answer, naming the server and the problem; when the server's TLS
     * certificate was refused, the failure names its fingerprint ({@link ServerCallException#certificate()}).
     */
    public ServerCallException unreachable(IOException e) {
        UnpinnedCertificateException refusal = UnpinnedCertificateException.in(e);
        if (refusal != null && refusal.presented() != null) {
            CertificateProblem problem = new CertificateProblem(server, refusal.presented(), refusal.pinned());
            return new ServerCallException(problem, CertificateMessages.refused(problem), e);
        }
        return new ServerCallException(ServerCallException.Kind.UNREACHABLE, 0, null,
                "cannot reach the Airgap server at " + server + ": " + problem(e)
                        + " — check the address and the network", e);
    }

    private static String problem(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof SocketTimeoutException
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return "no answer within the time limit";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        String message = e.getMessage();
        return "the connection failed (" + (message == null ? e.getClass().getSimpleName() : message) + ")";
    }
}
