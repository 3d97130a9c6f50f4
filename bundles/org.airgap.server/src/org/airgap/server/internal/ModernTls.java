package org.airgap.server.internal;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} algorithm, {@value #ALGORITHM}, that is the JDK's TLS with TLS 1.2 and 1.3 only:
 * its engines enable no older protocol, whatever java.security's {@code jdk.tls.disabledAlgorithms} or
 * the JVM's options allow. The server names it as Equinox Jetty's {@code ssl.protocol}, which Jetty
 * passes to {@link SSLContext#getInstance(String)}; Jetty then enables what the engines enable.
 */
final class ModernTls {

    static final String ALGORITHM = "Airgap-TLSv1.2+";
    /** The protocols the server speaks; older ones are broken (RFC 8996). */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final String PROVIDER = "AirgapModernTls";

    private ModernTls() {
    }

    /** Makes {@value #ALGORITHM} available in this JVM (last in the provider list: it hides nothing). */
    static synchronized void register() {
        if (Security.getProvider(PROVIDER) == null) {
            Security.addProvider(new ModernTlsProvider());
        }
    }

    /** {@code protocols} without those the server does not speak. */
    static String[] allowed(String[] protocols) {
        return List.of(protocols).stream().filter(PROTOCOLS::contains).toArray(String[]::new);
    }

    private static final class ModernTlsProvider extends Provider {
        private static final long serialVersionUID = 1L;

        ModernTlsProvider() {
            super(PROVIDER, "1.0", "Airgap server: the JDK's TLS limited to TLS 1.2 and 1.3");
            // The service is made here, not by class name: the JCA would look the name up in its own class loader.
            putService(new Service(this, "SSLContext", ALGORITHM, ModernTlsContext.class.getName(), List.of(), Map.of()) {
                @Override
                public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                    return new ModernTlsContext();
                }
            });
        }
    }

    /** The JDK's TLS context, with each engine's and the default parameters' protocols limited. */
    private static final class ModernTlsContext extends SSLContextSpi {
        private final SSLContext jdk;

        ModernTlsContext() throws NoSuchAlgorithmException {
            jdk = SSLContext.getInstance("TLS");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            jdk.init(keys, trust, random);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return limited(jdk.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return limited(jdk.createSSLEngine(host, port));
        }

        private static SSLEngine limited(SSLEngine engine) {
            engine.setEnabledProtocols(allowed(engine.getEnabledProtocols()));
            return engine;
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return limited(jdk.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return limited(jdk.getSupportedSSLParameters());
        }

        private static SSLParameters limited(SSLParameters parameters) {
            parameters.setProtocols(allowed(parameters.getProtocols()));
            return parameters;
        }

        /** Jetty uses engines only; sockets made by these factories are not limited. */
        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return jdk.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return jdk.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return jdk.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return jdk.getClientSessionContext();
        }
    }
}
