package org.airgap.driver.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.ProblemKind;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfigBuilder;

/**
 * An OPC UA session with a device: asks the server for its endpoints, takes the one with the job's
 * security and login kind, checks the server certificate against the pinned one (pinning it on first
 * use), and connects. Closing it closes the session.
 */
final class OpcUaConnection implements AutoCloseable {

    /** What the driver keeps for all connections: the pinned servers and the client certificate file. */
    record Trust(PinnedServers pins, java.nio.file.Path clientCertificateFile) {
    }

    private final OpcUaClient client;
    private final String serverFingerprint;

    private OpcUaConnection(OpcUaClient client, String serverFingerprint) {
        this.client = client;
        this.serverFingerprint = serverFingerprint;
    }

    OpcUaClient client() {
        return client;
    }

    /** The SHA-256 of the server certificate as "AB:CD:…", or "none" for a server without one. */
    String serverFingerprintText() {
        return serverFingerprint == null ? "none" : PinnedServers.display(serverFingerprint);
    }

    static OpcUaConnection open(OpcUaSettings settings, Trust trust, DriverProgress progress)
            throws DeviceProblemException {
        long millis = Math.max(1, settings.timeout().toMillis());
        Consumer<OpcTcpClientTransportConfigBuilder> transport = b -> b.setConnectTimeout(uint(millis));
        EndpointDescription endpoint = EndpointUtil.updateUrl(select(settings, endpoints(settings, transport)),
                settings.host(), settings.port());
        byte[] certificate = endpoint.getServerCertificate().bytesOrEmpty();
        String fingerprint = certificate.length == 0 ? null : PinnedServers.fingerprint(certificate);
        String pinned = pinned(settings, trust, fingerprint);
        try {
            OpcUaClientConfigBuilder config = OpcUaClientConfig.builder().setEndpoint(endpoint)
                    .setApplicationName(LocalizedText.english("Airgap")).setProductUri("urn:airgap")
                    .setRequestTimeout(uint(millis))
                    .setIdentityProvider(settings.user() == null ? AnonymousProvider.INSTANCE
                            : new UsernameProvider(settings.user(), settings.password() == null ? "" : settings.password()))
                    // the secure channel presents the certificate the endpoint announced, or fails
                    .setCertificateValidator((chain, uri, hosts) -> {
                        if (fingerprint == null || chain.isEmpty() || !fingerprint.equals(der(chain.get(0)))) {
                            throw new UaException(StatusCodes.Bad_SecurityChecksFailed,
                                    "the secure channel's server certificate is not the endpoint's");
                        }
                    });
            if (settings.secured()) {
                ClientCertificate own = ClientCertificate.loadOrCreate(trust.clientCertificateFile());
                config.setApplicationUri(own.applicationUri()).setKeyPair(own.keyPair()).setCertificate(own.certificate())
                        .setCertificateChain(new java.security.cert.X509Certificate[] { own.certificate() });
            } else {
                config.setApplicationUri("urn:airgap:opcua-client");
            }
            OpcUaClient client = OpcUaClient.create(config.build(), transport);
            try {
                client.connectAsync().get(millis * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                client.disconnectAsync();
                throw e;
            }
            OpcUaConnection connection = new OpcUaConnection(client, fingerprint);
            if (fingerprint != null && pinned == null) {
                try {
                    trust.pins().pin(settings.address(), fingerprint);
                } catch (IOException e) {
                    connection.close();
                    throw e;
                }
                progress.log("Pinned the server certificate of " + settings.address() + " ("
                        + PinnedServers.display(fingerprint) + ") in " + trust.pins().file());
            }
            return connection;
        } catch (UaException | ExecutionException | TimeoutException e) {
            throw OpcUaProblems.connecting(settings, e);
        } catch (IOException e) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "cannot use the OPC UA client files of "
                    + "this workspace: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, "interrupted while connecting to "
                    + settings.endpoint(), e);
        }
    }

    private static List<EndpointDescription> endpoints(OpcUaSettings settings,
            Consumer<OpcTcpClientTransportConfigBuilder> transport) throws DeviceProblemException {
        try {
            return DiscoveryClient.getEndpoints(settings.endpoint(), transport)
                    .get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw OpcUaProblems.connecting(settings, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, "interrupted while connecting", e);
        }
    }

    /** The endpoint with the job's security policy, message mode and login kind. */
    static EndpointDescription select(OpcUaSettings settings, List<EndpointDescription> endpoints)
            throws DeviceProblemException {
        String policy = (settings.secured() ? SecurityPolicy.Basic256Sha256 : SecurityPolicy.None).getUri();
        MessageSecurityMode mode = !settings.secured() ? MessageSecurityMode.None
                : settings.encrypt() ? MessageSecurityMode.SignAndEncrypt : MessageSecurityMode.Sign;
        UserTokenType login = settings.user() == null ? UserTokenType.Anonymous : UserTokenType.UserName;
        return endpoints.stream()
                .filter(e -> policy.equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode
                        && tokens(e).anyMatch(t -> t.getTokenType() == login))
                .findFirst()
                .orElseThrow(() -> new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.endpoint()
                        + " offers no endpoint with " + settings.securityText() + " and "
                        + (login == UserTokenType.Anonymous ? "anonymous login" : "user name login") + "; it offers: "
                        + endpoints.stream().map(OpcUaConnection::describe).distinct().toList()));
    }

    private static Stream<UserTokenPolicy> tokens(EndpointDescription endpoint) {
        UserTokenPolicy[] tokens = endpoint.getUserIdentityTokens();
        return tokens == null ? Stream.empty() : Arrays.stream(tokens);
    }

    private static String describe(EndpointDescription e) {
        String policy = e.getSecurityPolicyUri() == null ? "?" : e.getSecurityPolicyUri();
        return policy.substring(policy.lastIndexOf('#') + 1) + " " + e.getSecurityMode() + " "
                + tokens(e).map(t -> t.getTokenType().name()).toList();
    }

    /** The pinned fingerprint, or {@code null} when the server is new; refuses a changed certificate. */
    private static String pinned(OpcUaSettings settings, Trust trust, String fingerprint) throws DeviceProblemException {
        try {
            String pinned = trust.pins().find(settings.address());
            if (pinned != null && !pinned.equals(fingerprint)) {
                throw new DeviceProblemException(ProblemKind.IDENTITY_CHANGED, "the OPC UA server certificate of "
                        + settings.address() + " changed: pinned " + PinnedServers.display(pinned) + ", now "
                        + (fingerprint == null ? "none" : PinnedServers.display(fingerprint))
                        + ". If the certificate was renewed on purpose, remove the line '" + settings.address()
                        + "' from " + trust.pins().file() + "; otherwise another device may be answering");
            }
            return pinned;
        } catch (IOException e) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "cannot read the pinned OPC UA servers "
                    + trust.pins().file() + ": " + e.getMessage(), e);
        }
    }

    private static String der(java.security.cert.X509Certificate certificate) throws UaException {
        try {
            return PinnedServers.fingerprint(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new UaException(StatusCodes.Bad_CertificateInvalid, e);
        }
    }

    @Override
    public void close() {
        try {
            client.disconnectAsync().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the session is gone either way; the server drops it after its timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
