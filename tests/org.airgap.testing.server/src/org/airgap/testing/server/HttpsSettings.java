package org.airgap.testing.server;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.equinox.http.jetty.JettyConstants;

/**
 * Jetty settings for {@link ServerFixture#start(String, java.util.function.Predicate, Path, java.time.Duration,
 * java.time.Duration, java.util.function.UnaryOperator, Map)} that add an HTTPS connector on loopback with a
 * PKCS#12 keystore. Plain HTTP stays on too (loopback), for the fixture's own readiness check.
 */
public final class HttpsSettings {

    private HttpsSettings() {
    }

    /** HTTPS on {@code 127.0.0.1:port} presenting the key of {@code keystore} (keystore and key password {@code password}). */
    public static Map<String, Object> jetty(int port, Path keystore, String password) {
        return Map.of(JettyConstants.HTTPS_ENABLED, Boolean.TRUE,
                JettyConstants.HTTPS_HOST, "127.0.0.1", JettyConstants.HTTPS_PORT, Integer.valueOf(port),
                JettyConstants.SSL_KEYSTORE, keystore.toString(), JettyConstants.SSL_KEYSTORETYPE, "PKCS12",
                JettyConstants.SSL_PASSWORD, password, JettyConstants.SSL_KEYPASSWORD, password);
    }
}
