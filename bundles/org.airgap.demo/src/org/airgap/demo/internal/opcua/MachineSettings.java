package org.airgap.demo.internal.opcua;

/**
 * What a {@link MachineServer} says about itself and whom it lets in: its application URI and name, the
 * BuildInfo a client reads as the device's identity, an optional user with password (anonymous login is
 * always allowed), and whether it trusts client certificates (as a server whose administrator trusted the
 * client's) or refuses all of them.
 */
public record MachineSettings(String applicationUri, String name, String manufacturer, String product,
        String softwareVersion, String buildNumber, String user, String password, boolean trustsClients) {

    /** An anonymous-only machine that trusts every client certificate. */
    public MachineSettings(String applicationUri, String name, String manufacturer, String product,
            String softwareVersion, String buildNumber) {
        this(applicationUri, name, manufacturer, product, softwareVersion, buildNumber, null, null, true);
    }

    /** The same machine, also accepting {@code user} with {@code password}. */
    public MachineSettings withLogin(String user, String password) {
        return new MachineSettings(applicationUri, name, manufacturer, product, softwareVersion, buildNumber, user,
                password, trustsClients);
    }

    /** The same machine, trusting no client certificate (signed or encrypted channels are refused). */
    public MachineSettings trustingNoClient() {
        return new MachineSettings(applicationUri, name, manufacturer, product, softwareVersion, buildNumber, user,
                password, false);
    }
}
