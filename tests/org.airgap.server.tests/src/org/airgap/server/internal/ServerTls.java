package org.airgap.server.internal;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.TlsSettings;

/** The tests' side of a data directory's HTTPS: its keystore, and clients trusting its certificate alone. */
final class ServerTls {

    private ServerTls() {
    }

    static ServerKeystore keystore(Path data) throws Exception {
        TlsSettings tls = TlsSettings.generated(data);
        return ServerKeystore.load(tls.keystore(), tls.passwordFile());
    }

    /** A TLS context whose one trust anchor is the data directory's certificate. */
    static SSLContext trusting(Path data) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keystore(data).certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    static HttpClient client(Path data) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(data)).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
