package org.airgap.demo.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class TestPorts {

    private TestPorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on (taken from the system, then released). */
    static int free() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
