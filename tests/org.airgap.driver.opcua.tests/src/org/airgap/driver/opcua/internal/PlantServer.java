package org.airgap.driver.opcua.internal;

import java.io.IOException;

import org.airgap.demo.internal.opcua.MachineCertificate;
import org.airgap.demo.internal.opcua.MachineNamespace;
import org.airgap.demo.internal.opcua.MachineServer;
import org.airgap.demo.internal.opcua.MachineSettings;

/**
 * The demo plant's OPC UA machine server (a real Eclipse Milo server on 127.0.0.1, endpoints for no
 * security and Basic256Sha256 Sign and SignAndEncrypt) with the tests' BuildInfo, the user {@link #USER} /
 * {@link #PASSWORD}, and the {@link PlantNamespace} address space. It trusts any client certificate, as a
 * server whose administrator trusted Airgap's would, unless told to trust none.
 */
final class PlantServer implements AutoCloseable {

    static final String USER = "operator";
    static final String PASSWORD = "s3cret-Pa55";
    static final String MANUFACTURER = "Airgap Test Machines";
    static final String PRODUCT = "Test Filler";
    private static final String APPLICATION_URI = "urn:airgap:test:filler";

    final int port;
    final MachineNamespace plant;
    private final MachineServer server;

    /** A server with a new certificate on a free port. */
    PlantServer(int extraVariables) throws Exception {
        this(freePort(), extraVariables, true);
    }

    /**
     * A server with a new certificate on {@code port} (a restarted device with a renewed certificate) that
     * trusts every client certificate, or none.
     */
    PlantServer(int port, int extraVariables, boolean trustsClients) throws Exception {
        this.port = port;
        MachineSettings settings = new MachineSettings(APPLICATION_URI, "Airgap test filler", MANUFACTURER, PRODUCT,
                "2.7.1", "413").withLogin(USER, PASSWORD);
        server = new MachineServer(port, trustsClients ? settings : settings.trustingNoClient(),
                MachineCertificate.generate("Test Filler", APPLICATION_URI), PlantNamespace.NAMESPACE_URI,
                namespace -> PlantNamespace.build(namespace, extraVariables));
        plant = server.namespace();
    }

    String endpoint() {
        return server.endpoint();
    }

    static int freePort() throws IOException {
        return MachineServer.freePort();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
