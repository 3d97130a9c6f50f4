package org.airgap.server.internal;

import static org.airgap.server.internal.ServerApplicationTest.context;
import static org.airgap.server.internal.ServerApplicationTest.freePort;
import static org.airgap.server.internal.ServerApplicationTest.getWhenServed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.internal.ServerOptions.Fingerprint;
import org.airgap.server.internal.ServerOptions.Init;
import org.eclipse.equinox.app.IApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * The server's HTTPS as the application serves it (docs/server.md, "TLS"): only TLS 1.2 and 1.3 with the
 * certificate init generated, whose fingerprint init and {@code fingerprint} print; plain HTTP only when
 * server.ini says so, and only on loopback; a data directory without a keystore is refused until init
 * adds one.
 */
class ServerHttpsTest {

    @TempDir
    Path dir;

    private Path data;
    private int port;
    private final ExecutorService launcher = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private AdminCommands admin;
    private ServerApplication running;
    private Future<Object> exit;

    @BeforeEach
    void initDataDirectory() throws Exception {
        data = dir.resolve("data");
        admin = new AdminCommands(FrameworkUtil.getBundle(ServerApplication.class).getBundleContext(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, admin.init(new Init(data, List.of("airgap.plant.example"))), err.toString());
        port = freePort();
        edit("host = 0.0.0.0", "host = 127.0.0.1");
        edit("port = 8080", "port = " + port);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (running != null) {
            running.stop();
            assertEquals(IApplication.EXIT_OK, exit.get(20, TimeUnit.SECONDS));
        }
        launcher.shutdownNow();
    }

    @Test
    void initAndFingerprintPrintTheFingerprintOfTheCertificateTheServerPresents() throws Exception {
        String printedByInit = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(0, admin.fingerprint(new Fingerprint(data)), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        CertificateFingerprint fingerprint = CertificateFingerprint.parse(printed);
        assertTrue(printedByInit.contains("  " + printed + "\n") && printedByInit.contains("--trust " + printed),
                printedByInit);

        serve();
        try (SSLSocket socket = (SSLSocket) ServerTls.trusting(data).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            assertEquals(fingerprint, CertificateFingerprint.of(socket.getSession().getPeerCertificates()[0]));
        }
    }

    @Test
    void theServerSpeaksTls12And13AndNeitherPlainHttpNorAnyOtherCertificate() throws Exception {
        serve();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLParameters only = new SSLParameters();
            only.setProtocols(new String[] { protocol });
            HttpClient client = HttpClient.newBuilder().sslContext(ServerTls.trusting(data)).sslParameters(only).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(health("https")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), protocol);
        }
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(health("http")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertFalse(answer.statusCode() == 200, "plain HTTP must not be served: " + answer.body());
        } catch (IOException refused) {
            // no HTTP listener: the TLS port does not speak plain HTTP
        }
        // The JDK's CAs do not vouch for a self-signed certificate: a client must pin it.
        assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                health("https")).build(), HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void tls11AndOlderAreRefusedByTheServerItself() throws Exception {
        serve();
        // A client in a JVM of its own, with TLS 1.0 and 1.1 allowed again, offers them: the refusal is the
        // server's (a protocol_version alert), not the client's.
        Tls11Probe probe = new Tls11Probe(dir);
        assertEquals("OK TLSv1.2", probe.handshake(port, "TLSv1.2"), "the probe itself works");
        for (String old : List.of("TLSv1.1", "TLSv1")) {
            String result = probe.handshake(port, old);
            assertTrue(result.startsWith("REFUSED") && result.contains("protocol_version"), old + ": " + result);
        }
    }

    @Test
    void plainHttpOnlyWhenServerIniSaysSoAndOnlyOnALoopbackAddress() throws Exception {
        edit("plainHttp = false", "plainHttp = true");
        serve(false);
        HttpResponse<String> health = getWhenServed(HttpClient.newHttpClient(), health("http"), exit);
        assertEquals(200, health.statusCode());
        assertTrue(log().contains("listening on http://127.0.0.1:" + port + "/api/health"), log());
        running.stop();
        assertEquals(IApplication.EXIT_OK, exit.get(20, TimeUnit.SECONDS));
        running = null;

        edit("host = 127.0.0.1", "host = 0.0.0.0");
        assertEquals(Integer.valueOf(1), startRefused());
        assertTrue(log().contains("plainHttp = true, but host 0.0.0.0 is not a loopback address"), log());
        assertNull(FrameworkUtil.getBundle(ServerApplication.class).getBundleContext()
                .getServiceReference(ServerSettings.class), "nothing started");
    }

    @Test
    void aDataDirectoryWithoutKeystoreIsRefusedUntilInitAddsOneKeepingEverythingElse() throws Exception {
        // A data directory of the previous release: no tls folder.
        Path tls = data.resolve("tls");
        Files.delete(tls.resolve("server.p12"));
        Files.delete(tls.resolve("server.p12.password"));
        Files.delete(tls.resolve("signing.key"));
        Files.delete(tls);
        byte[] ini = Files.readAllBytes(data.resolve("server.ini"));
        byte[] database = Files.readAllBytes(data.resolve("db").resolve("airgap.mv.db"));

        assertEquals(Integer.valueOf(1), startRefused());
        assertTrue(log().contains("has no TLS keystore (" + tls.resolve("server.p12") + ")")
                && log().contains("run airgap-server init --data " + data), log());

        out.reset();
        assertEquals(0, admin.init(new Init(data)), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Added the TLS key"), out.toString());
        assertArrayEquals(ini, Files.readAllBytes(data.resolve("server.ini")));
        assertArrayEquals(database, Files.readAllBytes(data.resolve("db").resolve("airgap.mv.db")));
        serve();

        // Once there, init does not replace it; while the server runs, init points to the airgap admin commands.
        assertEquals(1, admin.init(new Init(data)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("so init cannot change it: on the running server use"
                + " the airgap admin commands"), err.toString());
    }

    @Test
    void initCreatesAPrivateSigningKeyWithoutWhichTheServerRefusesToStartUntilInitAddsIt() throws Exception {
        Path key = data.resolve("tls").resolve("signing.key");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        String fingerprint = ServerSigningKey.load(data).fingerprint();
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("signing key (laptops pin it at their first login) has"
                + " the fingerprint\n  " + fingerprint + "\n"), out.toString());
        out.reset();
        assertEquals(0, admin.fingerprint(new Fingerprint(data, true)), err.toString());
        assertEquals(fingerprint + "\n", out.toString(StandardCharsets.UTF_8));

        // A data directory of the previous release: everything but the signing key.
        Files.delete(key);
        byte[] keystore = Files.readAllBytes(data.resolve("tls").resolve("server.p12"));
        byte[] ini = Files.readAllBytes(data.resolve("server.ini"));
        assertEquals(Integer.valueOf(1), startRefused());
        assertTrue(log().contains("has no signing key (" + key + ")") && log().contains("run airgap-server init"
                + " --data " + data + " to generate it (the rest is kept)"), log());

        out.reset();
        assertEquals(0, admin.init(new Init(data)), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Added the signing key (tls/signing.key)"),
                out.toString());
        assertArrayEquals(keystore, Files.readAllBytes(data.resolve("tls").resolve("server.p12")));
        assertArrayEquals(ini, Files.readAllBytes(data.resolve("server.ini")));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        assertTrue(!fingerprint.equals(ServerSigningKey.load(data).fingerprint()), "a new key");
        serve();
    }

    @Test
    void theServersTlsIsLimitedTo12And13WhereTheJvmWouldAllowOlderOnes() throws Exception {
        // This test JVM runs with TLS 1.0 and 1.1 allowed again (pom.xml): the JDK's own TLS would accept them.
        assertTrue(List.of(serverEngine("TLS").getEnabledProtocols()).contains("TLSv1.1"),
                "the tests' JVM must allow TLS 1.1 (tls-1.0-allowed.security), or the refusal proves nothing");
        JettyListener.checkProtocols();
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(serverEngine(ModernTls.ALGORITHM).getEnabledProtocols()));

        assertNull(JettyListener.protocolProblem(new String[] { "TLSv1.3", "TLSv1.2" }));
        String problem = JettyListener.protocolProblem(new String[] { "TLSv1.3", "TLSv1.1" });
        assertEquals("the server's TLS would accept TLSv1.1; it speaks TLS 1.2 and 1.3 only", problem);
        assertTrue(JettyListener.protocolProblem(new String[0]).contains("neither TLS 1.2 nor TLS 1.3"));
    }

    @Test
    void plainHttpCountsAsLoopbackOnlyForLoopbackAddresses() {
        assertTrue(JettyListener.isLoopback("127.0.0.1") && JettyListener.isLoopback("::1")
                && JettyListener.isLoopback("localhost"));
        assertFalse(JettyListener.isLoopback("0.0.0.0"));
        assertFalse(JettyListener.isLoopback("192.0.2.1"));
    }

    private static SSLEngine serverEngine(String algorithm) throws Exception {
        SSLContext context = SSLContext.getInstance(algorithm);
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return engine;
    }

    private void serve() throws Exception {
        serve(true);
    }

    /** The exit code of a start that must be refused; a server that runs instead is stopped and fails the test. */
    private Object startRefused() throws Exception {
        ServerApplication application = new ServerApplication();
        Future<Object> refused = launcher.submit(() -> application.start(context("--data", data.toString())));
        try {
            return refused.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            application.stop();
            refused.get(20, TimeUnit.SECONDS);
            throw new AssertionError("the server started instead of refusing to: " + log());
        }
    }

    private void serve(boolean https) throws Exception {
        running = new ServerApplication();
        ServerApplication application = running;
        exit = launcher.submit(() -> application.start(context("--data", data.toString())));
        if (https) {
            assertEquals(200, getWhenServed(data, port, "/api/health", exit).statusCode());
        }
    }

    private URI health(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + port + "/api/health");
    }

    private void edit(String line, String replacement) throws IOException {
        Path ini = data.resolve("server.ini");
        String text = Files.readString(ini);
        assertTrue(text.contains(line), line);
        Files.writeString(ini, text.replace(line, replacement));
    }

    /** The server's log; a second start in one JVM logs to airgap-server.log.1 (the first keeps its lock). */
    private String log() throws IOException {
        StringBuilder log = new StringBuilder();
        try (var files = Files.list(data.resolve("logs"))) {
            for (Path file : files.filter(file -> !file.toString().endsWith(".lck")).sorted().toList()) {
                log.append(Files.readString(file));
            }
        }
        return log.toString();
    }
}
