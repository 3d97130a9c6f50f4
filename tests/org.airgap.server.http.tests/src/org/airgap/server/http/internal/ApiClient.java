package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.ProtocolJson;

/** A plain HTTP client of the API, as a laptop or curl would talk to the server. */
final class ApiClient {

    /** One path per servlet: all of them answer (401 without a token) once the whiteboard serves them. */
    private static final List<String> SERVLET_PATHS = List.of(Api.LOGOUT, Api.SESSION, Api.SYNC, Api.JOBS,
            Api.MANIFESTS + "0".repeat(64), Api.BLOBS + "0".repeat(64) + "/status?size=1", Api.UPLOADS, Api.AUDIT,
            Api.COMPONENTS + "c/versions", Api.ADMIN_IMPORT, Api.ADMIN_USERS,
            Api.ADMIN_AUDIT,
            Api.ADMIN_FOLDERS, Api.ADMIN_COMPONENTS, Api.ADMIN_JOBS,
            Api.ADMIN_USER + "u/enable", Api.ADMIN_ASSIGNMENTS,
            Api.ADMIN_RUNS, Api.ADMIN_VERSIONS + "/c",
            Api.ADMIN_COMPARE, Api.ADMIN_OVERVIEW,
            Api.UPDATES, Api.ADMIN_UPDATES);

    private final String base;
    private final HttpClient http;

    ApiClient(String base) {
        this(base, HttpClient.newBuilder());
    }

    /** A client of the server at {@code base} made by {@code builder} (over HTTPS: trusting its certificate). */
    ApiClient(String base, HttpClient.Builder builder) {
        this(base, builder.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** A client of the server at {@code base} (scheme, host and port) over {@code http}. */
    ApiClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** An answer: status, body and headers. */
    record Reply(int status, byte[] bytes, java.net.http.HttpHeaders headers) {
        String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        <T> T as(Class<T> type) {
            return ProtocolJson.read(body(), type);
        }

        <T> List<T> asList(Class<T> type) {
            return ProtocolJson.readList(body(), type);
        }

        ErrorResponse error() {
            return as(ErrorResponse.class);
        }

        /** Asserts the status (showing the body when it differs) and returns this reply. */
        Reply expect(int expected) {
            assertEquals(expected, status, () -> "HTTP " + status + ": " + body());
            return this;
        }
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header(Api.AUTHORIZATION, Api.BEARER + token);
        }
        return builder;
    }

    Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    Reply post(String path, String token, Object message) throws IOException, InterruptedException {
        return postText(path, token, ProtocolJson.write(message));
    }

    Reply postText(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", Api.JSON).POST(BodyPublishers.ofString(json)).build());
    }

    Reply put(String pathAndQuery, String token, BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(pathAndQuery, token).header("Content-Type", "application/octet-stream");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.PUT(body).build());
    }

    Reply putJson(String path, String token, Object message) throws IOException, InterruptedException {
        return putText(path, token, ProtocolJson.write(message));
    }

    Reply putText(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", Api.JSON).PUT(BodyPublishers.ofString(json)).build());
    }

    Reply delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE().build());
    }

    String login(String user, String password) throws IOException, InterruptedException {
        return post(Api.LOGIN, null, new LoginRequest(user, password)).expect(200).as(LoginResponse.class).token();
    }

    /** SCR registers the servlets asynchronously: waits (bounded) until every one of them answers. */
    void awaitServed(Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (String path : SERVLET_PATHS) {
            while (true) {
                try {
                    if (get(path, null).status() != 404) {
                        break;
                    }
                } catch (IOException notYetListening) {
                    if (System.nanoTime() > deadline) {
                        throw notYetListening;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(path + " is still not served after " + limit);
                }
                Thread.sleep(50);
            }
        }
    }
}
