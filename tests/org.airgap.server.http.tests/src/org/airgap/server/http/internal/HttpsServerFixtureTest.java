package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.airgap.protocol.Api;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.server.core.TlsSettings;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS as the server product serves it (ServerFixture.startHttps): a login works with a
 * client trusting exactly the server's certificate, whose fingerprint is the fixture's; nothing else is
 * trusted and nothing is served in plain text.
 */
class HttpsServerFixtureTest {

    @TempDir
    Path dir;

    @Test
    void theApiAnswersOverHttpsWithTheCertificateTheFixtureNames() throws Exception {
        try (ServerFixture server = ServerFixture.startHttps("airgap-https-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                dir.resolve("data"), Duration.ofMinutes(30), Duration.ofHours(8))) {
            assertEquals(URI.create("https://127.0.0.1:" + server.port()), server.uri());
            assertTrue(Files.isRegularFile(dir.resolve("data").resolve(TlsSettings.GENERATED_KEYSTORE)),
                    "the keystore is the product's own, in the data directory");
            server.addUser("anna", Role.TECHNICIAN, TestServer.PASSWORD);

            HttpClient client = server.httpClient().build();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(server.uri().resolve(Api.LOGIN))
                    .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.write(
                            new LoginRequest("anna", TestServer.PASSWORD))))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            assertFalse(ProtocolJson.read(login.body(), LoginResponse.class).token().isEmpty());

            try (SSLSocket socket = (SSLSocket) server.sslContext().getSocketFactory().createSocket("127.0.0.1",
                    server.port())) {
                socket.startHandshake();
                assertEquals(server.fingerprint(), CertificateFingerprint.of(socket.getSession().getPeerCertificates()[0]));
                assertEquals(server.certificate(), socket.getSession().getPeerCertificates()[0]);
            }
            // The JDK's CAs do not vouch for it: only a client that pins it gets through.
            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.uri().resolve(Api.JOBS)).build(), HttpResponse.BodyHandlers.discarding()));
            URI plain = URI.create("http://127.0.0.1:" + server.port() + Api.JOBS);
            try {
                int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                assertFalse(status == 401 || status == 200, "plain HTTP answered by the API: " + status);
            } catch (IOException notSpoken) {
                // the TLS port does not speak plain HTTP
            }
        }
    }

    @Test
    void aServerStartedAgainOnItsDataDirectoryKeepsItsCertificate() throws Exception {
        CertificateFingerprint first;
        try (ServerFixture server = ServerFixture.startHttps("airgap-https-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                dir.resolve("data"), Duration.ofMinutes(30), Duration.ofHours(8))) {
            first = server.fingerprint();
        }
        // Laptops that pinned the certificate still trust the server after a restart.
        try (ServerFixture again = ServerFixture.startHttps("airgap-https-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                dir.resolve("data"), Duration.ofMinutes(30), Duration.ofHours(8))) {
            assertEquals(first, again.fingerprint());
        }
    }

    @Test
    void thePlainFixtureStaysPlainHttpAndHasNoCertificate() throws Exception {
        try (ServerFixture server = ServerFixture.start("airgap-http-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                dir.resolve("data"), Duration.ofMinutes(30), Duration.ofHours(8))) {
            assertEquals("http", server.uri().getScheme());
            assertFalse(server.https());
            assertThrows(IllegalStateException.class, server::fingerprint);
        }
    }
}
