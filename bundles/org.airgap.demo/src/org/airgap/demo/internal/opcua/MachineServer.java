package org.airgap.demo.internal.opcua;

import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS;
import static org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

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
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A simulated OPC UA machine: a real Eclipse Milo server on 127.0.0.1 with endpoints for no security and
 * for Basic256Sha256 Sign and SignAndEncrypt, the {@link MachineSettings}' BuildInfo and logins, and one
 * {@link MachineNamespace}. The demo plant's filler runs on it, and so do the OPC UA driver's tests.
 */
public final class MachineServer implements AutoCloseable {

    private final int port;
    private final MachineNamespace namespace;
    private final OpcUaServer server;

    /**
     * Starts the server on {@code port} with the address space {@code addressSpace} adds to a namespace
     * {@code namespaceUri}.
     *
     * @throws IOException when it cannot start (the message names the port)
     */
    public MachineServer(int port, MachineSettings settings, MachineCertificate certificate, String namespaceUri,
            Consumer<MachineNamespace> addressSpace) throws IOException {
        this.port = port;
        OpcUaServerConfig config = OpcUaServerConfig.builder().setApplicationUri(settings.applicationUri())
                .setApplicationName(LocalizedText.english(settings.name())).setProductUri(settings.applicationUri())
                .setEndpoints(endpoints(certificate.certificate(), port, settings.user() != null))
                .setBuildInfo(new BuildInfo(settings.applicationUri(), settings.manufacturer(), settings.product(),
                        settings.softwareVersion(), settings.buildNumber(), DateTime.now()))
                .setCertificateManager(certificateManager(certificate, settings.trustsClients()))
                .setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE,
                        new UsernameIdentityValidator(c -> settings.user() != null
                                && settings.user().equals(c.getUsername())
                                && settings.password().equals(c.getPassword()))))
                .build();
        server = new OpcUaServer(config,
                profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new MachineNamespace(server, namespaceUri, addressSpace);
        namespace.startup();
        try {
            server.startup().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            namespace.shutdown();
            server.shutdown();
            throw new IOException("the OPC UA machine cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the OPC UA machine", e);
        }
    }

    private static DefaultCertificateManager certificateManager(MachineCertificate certificate, boolean trustsClients)
            throws IOException {
        try {
            var group = DefaultApplicationGroup.createAndInitialize(new MemoryTrustListManager(),
                    new MemoryCertificateStore(), new RsaSha256CertificateFactory() {
                        @Override
                        protected KeyPair createRsaSha256KeyPair() {
                            return certificate.keyPair();
                        }

                        @Override
                        protected X509Certificate[] createRsaSha256CertificateChain(KeyPair pair) {
                            return new X509Certificate[] { certificate.certificate() };
                        }
                    }, (chain, applicationUri, hostnames) -> {
                        if (!trustsClients) {
                            throw new UaException(StatusCodes.Bad_SecurityChecksFailed, "client certificate not trusted");
                        }
                    });
            return new DefaultCertificateManager(new MemoryCertificateQuarantine(), group);
        } catch (Exception e) {
            throw new IOException("the OPC UA machine's certificate cannot be set up: " + e.getMessage(), e);
        }
    }

    private static Set<EndpointConfig> endpoints(X509Certificate certificate, int port, boolean withUser) {
        EndpointConfig.Builder base = EndpointConfig.newBuilder().setBindAddress("127.0.0.1").setHostname("127.0.0.1")
                .setBindPort(port).setPath("").setCertificate(certificate)
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY).addTokenPolicies(USER_TOKEN_POLICY_ANONYMOUS);
        if (withUser) {
            base.addTokenPolicies(USER_TOKEN_POLICY_USERNAME);
        }
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256).setSecurityMode(MessageSecurityMode.Sign)
                .build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());
        return endpoints;
    }

    /** A port free on 127.0.0.1 now: Milo binds the port it is given and names it in its endpoints. */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code opc.tcp://127.0.0.1:PORT} */
    public String endpoint() {
        return "opc.tcp://127.0.0.1:" + port;
    }

    public MachineNamespace namespace() {
        return namespace;
    }

    /**
     * Stops the server and waits until its port is closed, then removes the address space: clients see the
     * connection drop, as when a machine is switched off, never a server that no longer knows its nodes.
     */
    @Override
    public void close() throws IOException {
        try {
            server.shutdown().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the OPC UA machine on port " + port + " did not stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the OPC UA machine", e);
        } finally {
            namespace.shutdown();
        }
    }
}
