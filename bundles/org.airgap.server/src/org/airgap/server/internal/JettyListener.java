package org.airgap.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Hashtable;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.ServerSettings;
import org.eclipse.equinox.http.jetty.JettyConstants;

/**
 * How the server listens (docs/server.md, "TLS"): HTTPS with TLS 1.2 and 1.3 only on the settings'
 * keystore, through the Equinox HTTP service's own Jetty HTTPS settings; plain HTTP only when
 * server.ini says {@code plainHttp = true}, and then only on a loopback address.
 */
final class JettyListener {

    /** A listener the server must not start with; the message says why and what to do. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    private final Hashtable<String, Object> properties;
    private final URI healthUri;

    private JettyListener(Hashtable<String, Object> properties, URI healthUri) {
        this.properties = properties;
        this.healthUri = healthUri;
    }

    /** HTTPS on the settings' host and port with {@code keystore}. */
    static JettyListener https(ServerSettings settings, ServerKeystore keystore) throws RefusedException {
        checkProtocols();
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_ENABLED, Boolean.FALSE);
        jetty.put(JettyConstants.HTTPS_ENABLED, Boolean.TRUE);
        jetty.put(JettyConstants.HTTPS_PORT, Integer.valueOf(settings.port()));
        jetty.put(JettyConstants.HTTPS_HOST, settings.host());
        jetty.put(JettyConstants.SSL_KEYSTORE, keystore.keystore().toString());
        jetty.put(JettyConstants.SSL_KEYSTORETYPE, ServerKeystore.TYPE);
        jetty.put(JettyConstants.SSL_PASSWORD, keystore.password());
        jetty.put(JettyConstants.SSL_KEYPASSWORD, keystore.password());
        jetty.put(JettyConstants.SSL_PROTOCOL, ModernTls.ALGORITHM);
        jetty.put(JettyConstants.OTHER_INFO, "org.airgap.server");
        return new JettyListener(jetty, healthUri("https", settings));
    }

    /** Plain HTTP, which server.ini asked for: refused unless the host is a loopback address. */
    static JettyListener plainHttp(ServerSettings settings) throws RefusedException {
        if (!isLoopback(settings.host())) {
            throw new RefusedException("server.ini [TLS] says plainHttp = true, but host " + settings.host()
                    + " is not a loopback address: unencrypted HTTP would carry passwords and programs over the"
                    + " network. Set host = 127.0.0.1 (this machine only) or remove plainHttp to serve HTTPS");
        }
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_ENABLED, Boolean.TRUE);
        jetty.put(JettyConstants.HTTPS_ENABLED, Boolean.FALSE);
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(settings.port()));
        jetty.put(JettyConstants.HTTP_HOST, settings.host());
        jetty.put(JettyConstants.OTHER_INFO, "org.airgap.server");
        return new JettyListener(jetty, healthUri("http", settings));
    }

    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && List.of(addresses).stream().allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Registers {@link ModernTls} and refuses to start when it leaves no protocol (a JDK without TLS 1.2 and 1.3). */
    static void checkProtocols() throws RefusedException {
        ModernTls.register();
        String problem;
        try {
            SSLContext context = SSLContext.getInstance(ModernTls.ALGORITHM);
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            problem = protocolProblem(engine.getEnabledProtocols());
        } catch (GeneralSecurityException e) {
            problem = "the JDK offers no TLS: " + e.getMessage();
        }
        if (problem != null) {
            throw new RefusedException(problem);
        }
    }

    /** Why the server must not listen with {@code enabled} protocols, or {@code null} when they are fine. */
    static String protocolProblem(String[] enabled) {
        List<String> others = List.of(enabled).stream().filter(protocol -> !ModernTls.PROTOCOLS.contains(protocol))
                .toList();
        if (!others.isEmpty()) {
            return "the server's TLS would accept " + String.join(", ", others) + "; it speaks TLS 1.2 and 1.3 only";
        }
        if (enabled.length == 0) {
            return "this JVM enables neither TLS 1.2 nor TLS 1.3 for the server: check java.security's"
                    + " jdk.tls.disabledAlgorithms";
        }
        return null;
    }

    private static URI healthUri(String scheme, ServerSettings settings) {
        String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        return URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.port()
                + "/api/health");
    }

    Hashtable<String, Object> properties() {
        return properties;
    }

    URI healthUri() {
        return healthUri;
    }

    /** The server's keystore named by its settings, with a message saying to run init when it is missing. */
    static ServerKeystore keystore(ServerSettings settings) throws RefusedException {
        if (settings.tls().isGenerated(settings.dataDirectory())
                && !java.nio.file.Files.exists(settings.tls().keystore())) {
            throw new RefusedException(settings.dataDirectory() + " has no TLS keystore (" + settings.tls().keystore()
                    + "): a data directory from an earlier release; run airgap-server init --data "
                    + settings.dataDirectory() + " to generate the server's key and certificate (the rest is kept)");
        }
        try {
            return ServerKeystore.load(settings.tls().keystore(), settings.tls().passwordFile());
        } catch (IOException e) {
            throw new RefusedException(e.getMessage() + " (server.ini [TLS])");
        }
    }
}
