package org.airgap.driver.opcua.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import org.airgap.driver.api.Parameters;

/**
 * A job's OPC UA parameters, typed. {@link #toString()} leaves the password out.
 *
 * @param endpoint    the endpoint URL as given, {@code opc.tcp://host:port[/path]}
 * @param rootNodes   where browsing starts: names of standard folders or node ids, as given
 * @param secured     Basic256Sha256 instead of no security
 * @param encrypt     SignAndEncrypt instead of Sign (only when secured)
 * @param user        the user name, or {@code null} to log in anonymously
 */
record OpcUaSettings(String endpoint, List<String> rootNodes, int maxDepth, int maxNodes, boolean secured,
        boolean encrypt, String user, String password, Duration timeout) {

    static final String NONE = "None";
    static final String BASIC256SHA256 = "Basic256Sha256";
    static final String SIGN = "Sign";
    static final String SIGN_AND_ENCRYPT = "SignAndEncrypt";

    static OpcUaSettings of(Parameters parameters) {
        return new OpcUaSettings(parameters.get(OpcUaDriver.ENDPOINT), parameters.get(OpcUaDriver.ROOT_NODES),
                parameters.get(OpcUaDriver.MAX_DEPTH), parameters.get(OpcUaDriver.MAX_NODES),
                BASIC256SHA256.equals(parameters.get(OpcUaDriver.SECURITY_POLICY)),
                SIGN_AND_ENCRYPT.equals(parameters.get(OpcUaDriver.MESSAGE_MODE)), parameters.get(OpcUaDriver.USER),
                parameters.get(OpcUaDriver.PASSWORD), parameters.get(OpcUaDriver.TIMEOUT));
    }

    /**
     * Checks an endpoint URL: {@code opc.tcp://}, a host and a port.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static String endpointUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!"opc.tcp".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("'" + text + "' must start with opc.tcp:// (for example "
                        + "opc.tcp://192.168.0.20:4840)");
            }
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
                throw new IllegalArgumentException("'" + text + "' needs a host and a port (for example "
                        + "opc.tcp://192.168.0.20:4840)");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
    }

    String host() {
        String host = URI.create(endpoint).getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    int port() {
        return URI.create(endpoint).getPort();
    }

    /** host:port as technicians write it, the key of the pinned server certificates. */
    String address() {
        String host = host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    String securityText() {
        return secured ? BASIC256SHA256 + " " + (encrypt ? SIGN_AND_ENCRYPT : SIGN) : NONE;
    }

    /** The timeout in words for messages: "10 s". */
    String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public String toString() {
        return endpoint + " (" + securityText() + ", " + (user == null ? "anonymous" : "user " + user) + ")";
    }
}
