package org.airgap.sync.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.airgap.protocol.Api;

/**
 * A man in the middle on plain HTTP: forwards each request to the server and hands the body of each
 * {@code /api/sync} answer to {@link #syncRewrite} before passing it on, headers (the signature) untouched.
 * With {@link #syncFlood} set it answers {@code /api/sync} itself with that many bytes, or until the laptop
 * hangs up.
 */
final class RewritingProxy implements AutoCloseable {

    /** What the proxy does to the sync answers' JSON; identity: nothing. */
    volatile UnaryOperator<String> syncRewrite = UnaryOperator.identity();
    /** Bytes of whitespace to answer {@code /api/sync} with instead of the server's answer; 0: off. */
    volatile long syncFlood;
    /** Whether the flood says its length ({@code Content-Length}) or is sent chunked without one. */
    volatile boolean floodDeclared;
    /** The flood's bytes written to the laptop so far. */
    final AtomicLong floodSent = new AtomicLong();

    private static final List<String> ANSWER_HEADERS = List.of("content-type", "airgap-signature", "www-authenticate",
            "retry-after");
    private final ServerSocket socket;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RewritingProxy(URI target) throws IOException {
        this.target = target;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "rewriting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread handler = new Thread(() -> handle(connection), "rewriting-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (String head = readHead(in); head != null; head = readHead(in)) {
                String[] lines = head.split("\r\n");
                String[] request = lines[0].split(" ");
                Map<String, String> headers = new HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                if (request[1].startsWith(Api.SYNC) && syncFlood > 0) {
                    flood(out);
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + request[1])).method(request[0],
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String name : List.of("authorization", "content-type")) {
                    if (headers.containsKey(name)) {
                        forward.header(name, headers.get(name));
                    }
                }
                HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] answerBody = answer.body();
                if (request[1].startsWith(Api.SYNC) && answer.statusCode() == 200) {
                    answerBody = syncRewrite.apply(new String(answerBody, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                StringBuilder response = new StringBuilder("HTTP/1.1 " + answer.statusCode() + " Proxied\r\n");
                for (String name : ANSWER_HEADERS) {
                    answer.headers().firstValue(name).ifPresent(value -> response.append(name).append(": ").append(value)
                            .append("\r\n"));
                }
                response.append("Content-Length: ").append(answerBody.length).append("\r\n\r\n");
                out.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(answerBody);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the connection ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #syncFlood} bytes as a signed-looking sync answer; stops when the laptop closes the connection. */
    private void flood(OutputStream out) throws IOException {
        long total = syncFlood;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nAirgap-Signature: AAAA\r\n"
                + (floodDeclared ? "Content-Length: " + total : "Transfer-Encoding: chunked") + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] spaces = new byte[64 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        for (long sent = 0; sent < total; sent += spaces.length) {
            int length = (int) Math.min(spaces.length, total - sent);
            if (!floodDeclared) {
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(spaces, 0, length);
            if (!floodDeclared) {
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            floodSent.addAndGet(length);
        }
        if (!floodDeclared) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    /** The request line and headers up to the blank line; {@code null} when the client closed the connection. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1).strip();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
