package org.airgap.driver.modbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 in front of a simulated device; {@link #cut()} closes every connection and
 * stops listening, as a pulled cable or a device switched off would (to the client: reset, then refused).
 */
final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LoopbackProxy(int target) throws IOException {
        this.target = target;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        start("proxy accept", this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket device = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(device);
                start("proxy up", () -> pump(client, device));
                start("proxy down", () -> pump(device, client));
            }
        } catch (IOException e) {
            // cut or closed
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: close the other below
        } finally {
            close(from);
            close(to);
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    void cut() {
        close(server);
        sockets.forEach(LoopbackProxy::close);
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
    }
}
