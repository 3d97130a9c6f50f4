package org.airgap.session.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

/**
 * The sockets of the blob transfers: the server's TLS versions and the HTTPS host name check, so that a
 * certificate of an authority for another host is refused as the HTTP client refuses it.
 */
class HttpsSocketFactoryTest {

    @Test
    void socketsCheckTheHostNameAndSpeakOnlyTheServersTlsVersions() throws Exception {
        SSLSocketFactory factory = TlsClients.socketFactoryForPin(null);
        try (Socket socket = factory.createSocket()) {
            SSLParameters parameters = ((SSLSocket) socket).getSSLParameters();
            assertEquals("HTTPS", parameters.getEndpointIdentificationAlgorithm());
            assertArrayEquals(TlsClients.PROTOCOLS, parameters.getProtocols());
        }
    }

    @Test
    void oneFactoryPerTrustSoThatConnectionsAreKeptAlive() {
        assertSame(TlsClients.socketFactoryForPin(null), TlsClients.socketFactoryForPin(null));
    }
}
