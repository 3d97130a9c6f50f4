package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.airgap.model.Job;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.sync.PushReport;
import org.airgap.testing.TestCertificates;
import org.airgap.testing.server.HttpsSettings;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate pinning against the real server over HTTPS (Jetty's HTTPS connector with keystores made
 * by keytool): the first login is refused with the fingerprint, a pinned server serves logins and syncs,
 * a server presenting another certificate at the same URL is refused naming both fingerprints until the
 * technician re-pins, and a certificate of a trusted authority needs no pin.
 */
class HttpsPinningTest {

    @TempDir
    Path folder;

    private int httpsPort;
    private ServerFixture server;
    private Laptop laptop;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpsPort = free.getLocalPort();
        }
        laptop = new Laptop(folder.resolve("laptop"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            laptop.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The server with HTTPS on {@link #httpsPort} presenting {@code keystore}'s certificate (same data each time). */
    private void serve(Path keystore) throws Exception {
        if (server != null) {
            server.close();
        }
        Map<String, Object> https = HttpsSettings.jetty(httpsPort, keystore, TestCertificates.PASSWORD);
        boolean first = !Files.exists(folder.resolve("server"));
        server = ServerFixture.start("airgap-https-test", ServerFixture.ALL_AIRGAP_BUNDLES, folder.resolve("server"),
                Duration.ofHours(2), Duration.ofHours(48), UnaryOperator.identity(), https);
        if (first) {
            server.addUser(ANNA, Role.TECHNICIAN, PASSWORD);
            server.define(SyncTest.plant(List.of(new Assignment("job-plc", ANNA))));
        }
    }

    private URI url() {
        return URI.create("https://localhost:" + httpsPort);
    }

    private static CertificateFingerprint fingerprint(Path keystore) throws Exception {
        return CertificateFingerprint.of(TestCertificates.chain(keystore)[0]);
    }

    @Test
    void theFirstLoginIsRefusedWithTheFingerprintAndOncePinnedLoginPullAndPushWork() throws Exception {
        Path keystore = TestCertificates.selfSigned(folder, "airgap-server");
        serve(keystore);

        SessionException refused = assertThrows(SessionException.class, () -> laptop.login(url(), ANNA, PASSWORD));

        assertEquals(SessionException.Kind.UNTRUSTED_CERTIFICATE, refused.kind());
        assertEquals(fingerprint(keystore), refused.certificate().orElseThrow().presented());
        assertTrue(refused.getMessage().contains(fingerprint(keystore).value()), refused.getMessage());

        laptop.sessions.trustCertificate(url(), refused.certificate().orElseThrow().presented());
        ClientSession session = laptop.login(url(), ANNA, PASSWORD);

        assertEquals(fingerprint(keystore), session.certificate());
        assertEquals(fingerprint(keystore), laptop.sessions.current().orElseThrow().certificate(),
                "the pin is part of the stored session");
        laptop.sync.pull(session, null);
        assertEquals(List.of("job-plc"), laptop.workspace.synced().jobs().stream().map(Job::id).toList());
        laptop.backup("job-plc", ANNA, SyncTest.program("v1"));
        PushReport pushed = laptop.sync.push(session, null);
        assertTrue(pushed.runs().get(0).result().versionCreated());
    }

    @Test
    void anotherCertificateAtThePinnedUrlIsRefusedNamingBothUntilRepinned() throws Exception {
        Path original = TestCertificates.selfSigned(folder, "airgap-server");
        Path other = TestCertificates.selfSigned(folder, "someone-else");
        serve(original);
        laptop.sessions.trustCertificate(url(), fingerprint(original));
        ClientSession session = laptop.login(url(), ANNA, PASSWORD);

        serve(other);

        IOException syncRefused = assertThrows(IOException.class, () -> laptop.sync.pull(session, null));
        assertTrue(syncRefused.getMessage().contains("presented " + fingerprint(other)), syncRefused.getMessage());
        SessionException refused = assertThrows(SessionException.class, () -> laptop.login(url(), ANNA, PASSWORD));
        assertEquals(SessionException.Kind.CERTIFICATE_CHANGED, refused.kind());
        assertEquals(fingerprint(original), refused.certificate().orElseThrow().pinned());
        assertEquals(fingerprint(other), refused.certificate().orElseThrow().presented());
        assertEquals("the Airgap server at " + url() + " presents another certificate than the one trusted at an "
                + "earlier login: trusted " + fingerprint(original) + ", presented " + fingerprint(other)
                + " — someone may be posing as the server; if the administrator replaced the server's certificate, "
                + "confirm the new fingerprint with them (airgap-server fingerprint), then trust it: airgap login "
                + "--server " + url() + " --user NAME --trust " + fingerprint(other), refused.getMessage());

        laptop.sessions.trustCertificate(url(), fingerprint(other));
        ClientSession repinned = laptop.login(url(), ANNA, PASSWORD);
        assertEquals(fingerprint(other), repinned.certificate());
        laptop.sync.pull(repinned, null);
    }

    @Test
    void aCertificateOfAnAuthorityTheTrustStoreNamesNeedsNoPin() throws Exception {
        Path keystore = TestCertificates.signedBy(folder, "plant-ca", "airgap-server");
        serve(keystore);
        Path trustStore = folder.resolve("truststore.p12");
        KeyStore authority = TestCertificates.authority(folder, "plant-ca");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            authority.store(out, TestCertificates.PASSWORD.toCharArray());
        }
        assertEquals(SessionException.Kind.UNTRUSTED_CERTIFICATE,
                assertThrows(SessionException.class, () -> laptop.login(url(), ANNA, PASSWORD)).kind());

        String[] keys = { "javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword" };
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], trustStore.toString());
        System.setProperty(keys[1], "PKCS12");
        System.setProperty(keys[2], TestCertificates.PASSWORD);
        try {
            ClientSession session = laptop.login(url(), ANNA, PASSWORD);

            assertNull(session.certificate(), "nothing pinned");
            laptop.sync.pull(session, null);
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
        }
    }
}
