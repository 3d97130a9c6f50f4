package org.airgap.session.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.airgap.testing.TestCertificates;

/**
 * A TLS server on a loopback port presenting a keystore's certificate and answering every request with a
 * small web page: enough to see whether the laptop's TLS trust lets a request through.
 */
public final class TlsWebPage implements AutoCloseable {

    public static final String PAGE = "<html><body>behind TLS</body></html>";

    private final SSLServerSocket listener;

    public TlsWebPage(Path keystore) throws IOException, GeneralSecurityException {
        this(keystore, 0);
    }

    /** The same on {@code port} (0: a free one), e.g. the port of a server that presented another certificate. */
    public TlsWebPage(Path keystore, int port) throws IOException, GeneralSecurityException {
        KeyStore keys = TestCertificates.load(keystore);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 5,
                InetAddress.getLoopbackAddress());
        Thread answering = new Thread(() -> answer(listener, PAGE), "tls-web-page");
        answering.setDaemon(true);
        answering.start();
    }

    /** The server's URL with the host name {@code localhost} (which the test certificates name). */
    public URI uri() {
        return URI.create("https://localhost:" + listener.getLocalPort());
    }

    /** Answers every request on {@code listener} with {@code html} until it is closed (plain or TLS). */
    public static void answer(ServerSocket listener, String html) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                StringBuilder request = new StringBuilder();
                while (!request.toString().contains("\r\n\r\n")) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    request.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                }
                byte[] page = html.getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(page);
                out.flush();
            } catch (IOException e) {
                // a refused handshake, or the listener closed: the next connection is answered again
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
