package org.airgap.session.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;

import org.airgap.protocol.Api;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.trust.TlsClients;

/**
 * Connections for blob bodies, over {@code java.net}'s blocking {@link HttpURLConnection} instead of the
 * {@code java.net.http} client: a GiB over TLS costs the laptop about half the CPU that way (the client
 * hands each 16 KiB record between threads and copies it; docs/benchmarks.md, "Sync and upload over
 * HTTPS"). The same trust as the JSON calls ({@link TlsClients}), no proxy, no redirects, the same connect
 * timeout; connections are kept alive between the chunks of an upload.
 */
final class BlobConnections {

    /** The most of an answer's body read (a JSON status or error). */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** Ends exchanges that exceed their time: a blocking write has no timeout of its own. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "airgap-blob-transfer-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private BlobConnections() {
    }

    /**
     * A connection to {@code uri} with the token; each read waits at most {@code readTimeout}.
     */
    static HttpURLConnection open(URI uri, CertificateFingerprint pin, String token, Duration readTimeout)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(TlsClients.socketFactoryForPin(pin));
        }
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) ServerClient.CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        if (token != null) {
            connection.setRequestProperty(Api.AUTHORIZATION, Api.BEARER + token);
        }
        return connection;
    }

    /** Disconnects {@code connection} after {@code timeout} unless the returned future is cancelled first. */
    static ScheduledFuture<?> disconnectAfter(HttpURLConnection connection, Duration timeout) {
        return WATCHDOG.schedule(connection::disconnect, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answer's body as text (the error body for an error status), at most {@link #MAX_ANSWER_BYTES}. */
    static String answerBody(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
        }
    }
}
