package org.airgap.session.trust;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets of a context with the Airgap server's TLS versions and the HTTPS host name check on. With the
 * check named on the socket, {@code HttpsURLConnection} leaves it to the trust manager (as the HTTP client
 * does) instead of asking a process-wide host name verifier that any code could have replaced.
 */
final class HttpsSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory sockets;

    HttpsSocketFactory(SSLContext context) {
        this.sockets = context.getSocketFactory();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return sockets.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return configured(sockets.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return configured(sockets.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configured(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configured(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configured(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configured(sockets.createSocket(address, port, localAddress, localPort));
    }

    private Socket configured(Socket socket) {
        if (socket instanceof SSLSocket tls) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(TlsClients.PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        return socket;
    }
}
