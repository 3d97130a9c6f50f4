package com.example.airgap.driver.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device that serves files over HTTP/1.0 on 127.0.0.1, optionally behind basic authentication: the
 * real peer of the driver's tests (the JDK's HTTP server is not visible inside OSGi).
 */
final class TinyHttpDevice implements AutoCloseable {

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final ServerSocket socket;
    private final String expectedAuthorization;

    TinyHttpDevice(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::serve, "tiny-http-device");
        accept.setDaemon(true);
        accept.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                String[] request = in.readLine().split(" ");
                String authorization = null;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    if (header.toLowerCase().startsWith("authorization:")) {
                        authorization = header.substring("authorization:".length()).trim();
                    }
                }
                byte[] body = files.get(request[1].substring(1));
                String status = expectedAuthorization != null && !expectedAuthorization.equals(authorization)
                        ? "401 Unauthorized" : body == null ? "404 Not Found" : "200 OK";
                byte[] content = status.startsWith("200") ? body : new byte[0];
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n"
                        + "Last-Modified: Tue, 10 Nov 2026 08:00:00 GMT\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (!request[0].equals("HEAD")) {
                    out.write(content);
                }
                out.flush();
            } catch (IOException | RuntimeException e) {
                // a broken request or the socket closed: serve the next one
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
