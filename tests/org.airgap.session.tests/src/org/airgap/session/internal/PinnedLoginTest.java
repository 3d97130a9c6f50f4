package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.SessionException;
import org.airgap.session.SessionStatus;
import org.airgap.session.trust.TlsWebPage;
import org.airgap.testing.MutableClock;
import org.airgap.testing.TestCertificates;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online logins over TLS to a server whose certificate no authority signed: refused at first contact
 * with the fingerprint, let through once pinned, refused naming both fingerprints when the certificate
 * changes. (The TLS server here is a web page, so a login that gets through ends as "not an Airgap
 * server"; logins at the real server over HTTPS are tested in org.airgap.sync.tests.)
 */
class PinnedLoginTest {

    @TempDir
    Path folder;

    private Workspace workspace;
    private LocalSessionService sessions;

    @BeforeEach
    void open() throws IOException {
        workspace = Workspace.open(folder.resolve("workspace"));
        sessions = new LocalSessionService(workspace, new MutableClock(Instant.parse("2026-12-06T22:00:00Z")));
    }

    @AfterEach
    void close() throws IOException {
        sessions.close();
        workspace.close();
    }

    @Test
    void firstContactIsRefusedWithTheFingerprintAndThePinLetsTheLoginThrough() throws Exception {
        Path keystore = TestCertificates.selfSigned(folder, "server");
        CertificateFingerprint fingerprint = CertificateFingerprint.of(TestCertificates.chain(keystore)[0]);
        try (TlsWebPage server = new TlsWebPage(keystore)) {
            SessionException refused = login(server.uri());

            assertEquals(SessionException.Kind.UNTRUSTED_CERTIFICATE, refused.kind());
            assertEquals(fingerprint, refused.certificate().orElseThrow().presented());
            assertEquals(Optional.empty(), refused.certificate().orElseThrow().previous());
            assertEquals(server.uri(), refused.certificate().orElseThrow().server());
            assertTrue(refused.getMessage().contains("its fingerprint is " + fingerprint), refused.getMessage());
            assertEquals(SessionStatus.NONE, sessions.status());

            sessions.trustCertificate(server.uri(), fingerprint);

            assertEquals(SessionException.Kind.NOT_AIRGAP_SERVER, login(server.uri()).kind());
        }
    }

    @Test
    void aChangedCertificateIsRefusedNamingBothFingerprintsUntilRepinned() throws Exception {
        Path first = TestCertificates.selfSigned(folder, "server");
        Path second = TestCertificates.selfSigned(folder, "replacement");
        CertificateFingerprint pinned = CertificateFingerprint.of(TestCertificates.chain(first)[0]);
        CertificateFingerprint presented = CertificateFingerprint.of(TestCertificates.chain(second)[0]);
        URI url;
        try (TlsWebPage server = new TlsWebPage(first)) {
            url = server.uri();
            sessions.trustCertificate(url, pinned);
        }
        try (TlsWebPage replaced = new TlsWebPage(second, url.getPort())) {
            SessionException refused = login(url);

            assertEquals(SessionException.Kind.CERTIFICATE_CHANGED, refused.kind());
            assertEquals(pinned, refused.certificate().orElseThrow().pinned());
            assertEquals(presented, refused.certificate().orElseThrow().presented());
            assertTrue(refused.getMessage().contains("trusted " + pinned + ", presented " + presented), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("then trust it: airgap login --server " + url
                    + " --user NAME --trust " + presented), refused.getMessage());

            sessions.trustCertificate(URI.create(url + "/"), presented);

            assertEquals(SessionException.Kind.NOT_AIRGAP_SERVER, login(url).kind());
        }
    }

    @Test
    void thePinsLiveInTheWorkspaceNotInTheSessionFolder() throws Exception {
        sessions.trustCertificate(URI.create("https://airgap.plant:8443"), CertificateFingerprint.ofEncoded(new byte[] { 1 }));

        assertTrue(Files.exists(workspace.location().resolve(KnownServers.FILE)));
        assertEquals(Optional.empty(), Files.list(sessions.folder()).filter(f -> f.toString().contains("known")).findAny());
    }

    private SessionException login(URI server) {
        return assertThrows(SessionException.class, () -> sessions.loginOnline(server, "anna", "pw".toCharArray()));
    }
}
