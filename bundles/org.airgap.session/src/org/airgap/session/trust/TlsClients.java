package org.airgap.session.trust;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.airgap.protocol.CertificateFingerprint;

/**
 * The HTTP clients of the laptop, one per pin (an HttpClient holds threads and a connection pool, so it
 * is built once and shared): each trusts the JDK's authorities and, besides, exactly its pin.
 */
public final class TlsClients {

    /** The TLS versions the Airgap server speaks. */
    static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

    /**
     * What a client trusts: the pin and the trust store the standard properties name when it was built
     * (a process that names another trust store later gets clients that use it).
     */
    private record Trust(Optional<CertificateFingerprint> pin, String trustStore, String trustStoreType) {
    }

    private static final Map<Trust, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<Trust, SSLSocketFactory> SOCKET_FACTORIES = new ConcurrentHashMap<>();

    private TlsClients() {
    }

    /**
     * The client that trusts the authorities and {@code pin} ({@code null}: the authorities only). The
     * clients of pins no longer used stay until the process ends: a laptop knows a handful of servers.
     */
    public static HttpClient forPin(CertificateFingerprint pin, Duration connectTimeout) {
        return CLIENTS.computeIfAbsent(trust(pin),
                key -> build(new PinningTrustManager(defaultAuthorities(), pin), connectTimeout));
    }

    /**
     * The TLS sockets of {@code java.net}'s blocking HTTP connections (the blob transfers): the same trust as
     * {@link #forPin}'s client, the same TLS versions, and the host name checked as the HTTP client checks it
     * (by the trust manager, for certificates of authorities). One factory per trust, so that connections
     * are kept alive and TLS sessions resumed across requests.
     */
    public static SSLSocketFactory socketFactoryForPin(CertificateFingerprint pin) {
        return SOCKET_FACTORIES.computeIfAbsent(trust(pin),
                key -> new HttpsSocketFactory(context(new PinningTrustManager(defaultAuthorities(), pin))));
    }

    private static Trust trust(CertificateFingerprint pin) {
        return new Trust(Optional.ofNullable(pin), System.getProperty("javax.net.ssl.trustStore"),
                System.getProperty("javax.net.ssl.trustStoreType"));
    }

    private static SSLContext context(X509ExtendedTrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A new client whose TLS trust is {@code trust}. */
    public static HttpClient build(X509ExtendedTrustManager trust, Duration connectTimeout) {
        SSLContext context = context(trust);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(context)
                .sslParameters(parameters)
                .build();
    }

    /**
     * The JDK's trust in authorities: its cacerts, or the trust store the standard
     * {@code javax.net.ssl.trustStore} properties name.
     */
    public static X509ExtendedTrustManager defaultAuthorities() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the Java runtime's trust manager cannot check TLS server certificates");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the Java runtime's trusted certificates: " + e.getMessage(), e);
        }
    }
}
