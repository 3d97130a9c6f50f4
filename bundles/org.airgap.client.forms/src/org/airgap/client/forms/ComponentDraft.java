package org.airgap.client.forms;

import java.util.Map;

/**
 * A component as its editor shows and returns it: plain values, no folder (the tree places it), no server call.
 *
 * @param id         the component's id ("" while a new one has none)
 * @param name       shown to users
 * @param deviceType the driver id, e.g. "modbus-tcp"
 * @param connection the connection parameters given (defaults are left out)
 */
public record ComponentDraft(String id, String name, String deviceType, Map<String, String> connection) {

    public ComponentDraft {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        deviceType = deviceType == null ? "" : deviceType;
        connection = Map.copyOf(connection == null ? Map.of() : connection);
    }
}
