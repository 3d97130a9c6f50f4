package org.airgap.server.core;

import java.util.List;
import java.util.Map;

import org.airgap.server.core.ServerIni.Setting;

/**
 * The {@code [Client]} section of server.ini: what the server hands the laptops with a sync. Read by
 * {@link ServerIni#offlineLoginDays(java.nio.file.Path)} and checked by {@link ServerIni#load}.
 */
final class ClientSection {

    /** The section's keys, in the spelling the file is written with. */
    static final List<String> KEYS = List.of("offlineLoginDays");

    /** The section as {@code airgap-server init} writes it. */
    static final String DEFAULTS = """
            [Client]
            # Days an offline login on a laptop stays valid after the sync that brought it (signed by the
            # server): after them, offline logins and job runs there need an online login and a sync.
            offlineLoginDays = 30
            """;

    private ClientSection() {
    }

    static int offlineLoginDays(Map<String, Setting> values) throws ServerIniException {
        return (int) ServerIni.number(values, "Client.offlineLoginDays", ServerIni.DEFAULT_OFFLINE_LOGIN_DAYS, 1,
                ServerIni.MAX_OFFLINE_LOGIN_DAYS);
    }
}
