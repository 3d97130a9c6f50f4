package org.airgap.session.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The laptop's TLS trust decision in real handshakes (an HttpClient against a TLS socket on loopback):
 * a chain of a trusted authority passes without a pin, any other certificate only with its pin. The
 * authority here is a test CA given to the trust manager (keytool -gencert), standing in for the JDK's
 * cacerts or a configured trust store.
 */
class PinningTrustManagerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;
    /** A server keystore whose certificate the test authority "plant-ca" signed (keytool is slow: once). */
    private static Path signed;

    @BeforeAll
    static void makeTheAuthorityAndItsServerCertificate() throws IOException {
        signed = TestCertificates.signedBy(folder, "plant-ca", "signed-server");
    }

    @Test
    void aChainOfATrustedAuthorityIsAcceptedWithoutAPin() throws Exception {
        try (TlsWebPage server = new TlsWebPage(signed)) {
            HttpClient client = TlsClients.build(new PinningTrustManager(authorities(folder, "plant-ca"), null), TIMEOUT);

            assertEquals(TlsWebPage.PAGE, get(client, server));
        }
    }

    @Test
    void theSameChainWithoutTheAuthorityIsRefusedWithItsFingerprint() throws Exception {
        try (TlsWebPage server = new TlsWebPage(signed)) {
            HttpClient client = TlsClients.build(new PinningTrustManager(TlsClients.defaultAuthorities(), null), TIMEOUT);

            UnpinnedCertificateException refusal = refusal(client, server);
            assertEquals(CertificateFingerprint.of(TestCertificates.chain(signed)[0]), refusal.presented());
            assertNull(refusal.pinned());
        }
    }

    @Test
    void aSelfSignedCertificateIsAcceptedOnlyWithItsPin() throws Exception {
        Path keystore = TestCertificates.selfSigned(folder, "server");
        Path other = TestCertificates.selfSigned(folder, "impostor");
        CertificateFingerprint pin = CertificateFingerprint.of(TestCertificates.chain(keystore)[0]);
        CertificateFingerprint impostor = CertificateFingerprint.of(TestCertificates.chain(other)[0]);
        assertNotEquals(pin, impostor);

        try (TlsWebPage server = new TlsWebPage(keystore)) {
            HttpClient pinned = TlsClients.build(new PinningTrustManager(TlsClients.defaultAuthorities(), pin), TIMEOUT);
            assertEquals(TlsWebPage.PAGE, get(pinned, server));

            HttpClient unpinned = TlsClients.build(new PinningTrustManager(TlsClients.defaultAuthorities(), null), TIMEOUT);
            assertEquals(pin, refusal(unpinned, server).presented());
        }
        try (TlsWebPage forged = new TlsWebPage(other)) {
            HttpClient pinned = TlsClients.build(new PinningTrustManager(TlsClients.defaultAuthorities(), pin), TIMEOUT);
            UnpinnedCertificateException refusal = refusal(pinned, forged);
            assertEquals(impostor, refusal.presented());
            assertEquals(pin, refusal.pinned());
        }
    }

    @Test
    void thePinnedClientsAreSharedPerPin() {
        CertificateFingerprint pin = CertificateFingerprint.ofEncoded(new byte[] { 7 });
        assertEquals(TlsClients.forPin(pin, TIMEOUT), TlsClients.forPin(CertificateFingerprint.parse(pin.value()), TIMEOUT));
        assertNotEquals(TlsClients.forPin(pin, TIMEOUT), TlsClients.forPin(null, TIMEOUT));
    }

    private static String get(HttpClient client, TlsWebPage server) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri()).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static UnpinnedCertificateException refusal(HttpClient client, TlsWebPage server) {
        IOException failure = assertThrows(IOException.class, () -> get(client, server));
        UnpinnedCertificateException refusal = UnpinnedCertificateException.in(failure);
        if (refusal == null) {
            throw new AssertionError("the handshake failed for another reason", failure);
        }
        return refusal;
    }

    static X509ExtendedTrustManager authorities(Path folder, String authority) throws Exception {
        KeyStore trusted = TestCertificates.authority(folder, authority);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new AssertionError("no X509ExtendedTrustManager");
    }
}
