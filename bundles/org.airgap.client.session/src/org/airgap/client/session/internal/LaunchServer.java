package org.airgap.client.session.internal;

import java.util.Map;

import org.eclipse.equinox.app.IApplicationContext;

/**
 * The server URL a start of the workbench names, which the login dialog offers instead of the one
 * remembered from the last login: the launch argument {@value #ARGUMENT} (
 * {@code bin/airgap -airgap.server https://airgap.example:8443}, also written {@code -airgap.server=URL}), or
 * else the system property {@value #PROPERTY}. An installation puts it in the technicians' desktop
 * shortcut; the demo passes its server's URL this way.
 */
final class LaunchServer {

    static final String ARGUMENT = "-airgap.server";
    static final String PROPERTY = "airgap.server";

    private LaunchServer() {
    }

    /** The URL the launch names, as written (checked only when the technician logs in); empty for none. */
    static String of(IApplicationContext launch) {
        Map<?, ?> arguments = launch == null ? Map.of() : launch.getArguments();
        if (arguments.get(IApplicationContext.APPLICATION_ARGS) instanceof String[] args) {
            for (int i = 0; i < args.length; i++) {
                if (ARGUMENT.equals(args[i]) && i + 1 < args.length) {
                    return args[i + 1].strip();
                }
                if (args[i].startsWith(ARGUMENT + "=")) {
                    return args[i].substring(ARGUMENT.length() + 1).strip();
                }
            }
        }
        String property = System.getProperty(PROPERTY);
        return property == null ? "" : property.strip();
    }
}
