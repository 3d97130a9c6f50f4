package org.airgap.testing.server;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.TlsSettings;
import org.eclipse.equinox.http.jetty.JettyConstants;

/** The {@link ServerFixture}'s HTTPS: the server's keystore and Jetty settings, and clients trusting it alone. */
final class FixtureTls {

    private FixtureTls() {
    }

    /** The keystore the settings name, generated as {@code airgap-server init} does when it is not there yet. */
    static ServerKeystore keystore(ServerSettings settings) throws IOException {
        TlsSettings tls = settings.tls();
        return Files.exists(tls.keystore()) ? ServerKeystore.load(tls.keystore(), tls.passwordFile())
                : ServerKeystore.create(tls.keystore(), tls.passwordFile(), List.of());
    }

    /** HTTPS only on loopback {@code port}, with the Equinox Jetty settings the server application uses. */
    static Map<String, Object> jettyHttps(int port, ServerKeystore keystore) {
        return Map.of(JettyConstants.HTTP_ENABLED, Boolean.FALSE, JettyConstants.HTTPS_ENABLED, Boolean.TRUE,
                JettyConstants.HTTPS_PORT, Integer.valueOf(port), JettyConstants.HTTPS_HOST, "127.0.0.1",
                JettyConstants.SSL_KEYSTORE, keystore.keystore().toString(),
                JettyConstants.SSL_KEYSTORETYPE, ServerKeystore.TYPE, JettyConstants.SSL_PASSWORD, keystore.password(),
                JettyConstants.SSL_KEYPASSWORD, keystore.password());
    }

    /** A TLS context whose only trust anchor is {@code certificate}: not the JDK's CAs. */
    static SSLContext trustingOnly(X509Certificate certificate) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("airgap-server", certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS context trusting " + certificate.getSubjectX500Principal(), e);
        }
    }
}
