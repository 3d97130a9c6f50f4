package org.airgap.driver.opcua.internal;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A real Eclipse Milo server on 127.0.0.1 for the driver tests, with endpoints for no security and for
 * Basic256Sha256 Sign and SignAndEncrypt, anonymous and user/password login ({@link #USER} /
 * {@link #PASSWORD}), and the {@link PlantNamespace} address space. It trusts any client certificate, as a
 * server whose administrator trusted Airgap's would, unless told to trust none.
 */
final class PlantServer implements AutoCloseable {

    static final String USER = "operator";
    static final String PASSWORD = "s3cret-Pa55";
    static final String MANUFACTURER = "Airgap Test Machines";
    static final String PRODUCT = "Test Filler";

    final int port;
    final PlantNamespace plant;
    private final OpcUaServer server;

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
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair).setCommonName("Test Filler")
                .setApplicationUri("urn:airgap:test:filler").addIpAddress("127.0.0.1").build();
        var trustList = new MemoryTrustListManager();
        var quarantine = new MemoryCertificateQuarantine();
        var group = DefaultApplicationGroup.createAndInitialize(trustList, new MemoryCertificateStore(),
                new RsaSha256CertificateFactory() {
                    @Override
                    protected KeyPair createRsaSha256KeyPair() {
                        return keyPair;
                    }

                    @Override
                    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair pair) {
                        return new X509Certificate[] { certificate };
                    }
                }, (chain, applicationUri, hostnames) -> {
                    if (!trustsClients) {
                        throw new UaException(StatusCodes.Bad_SecurityChecksFailed, "client certificate not trusted");
                    }
                });
        OpcUaServerConfig config = OpcUaServerConfig.builder().setApplicationUri("urn:airgap:test:filler")
                .setApplicationName(LocalizedText.english("Airgap test filler")).setProductUri("urn:airgap:test")
                .setEndpoints(endpoints(certificate, port))
                .setBuildInfo(new BuildInfo("urn:airgap:test", MANUFACTURER, PRODUCT, "2.7.1", "413", DateTime.now()))
                .setCertificateManager(new DefaultCertificateManager(quarantine, group))
                .setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE,
                        new UsernameIdentityValidator(c -> USER.equals(c.getUsername())
                                && PASSWORD.equals(c.getPassword()))))
                .build();
        server = new OpcUaServer(config,
                profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
        plant = new PlantNamespace(server, extraVariables);
        plant.startup();
        server.startup().get(20, TimeUnit.SECONDS);
    }

    private static Set<EndpointConfig> endpoints(X509Certificate certificate, int port) {
        EndpointConfig.Builder base = EndpointConfig.newBuilder().setBindAddress("127.0.0.1").setHostname("127.0.0.1")
                .setBindPort(port).setPath("").setCertificate(certificate)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS, USER_TOKEN_POLICY_USERNAME);
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.Sign)
                .build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        return endpoints;
    }

    String endpoint() {
        return "opc.tcp://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        plant.shutdown();
        server.shutdown().get(20, TimeUnit.SECONDS);
    }
}
