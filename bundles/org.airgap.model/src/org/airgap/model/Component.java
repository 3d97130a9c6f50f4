package org.airgap.model;

import java.util.Map;

/**
 * A device to back up: a PLC, HMI, robot or drive, placed in a folder of the component tree.
 *
 * @param id         stable id assigned by the server
 * @param name       shown to users
 * @param folderId   the folder that contains it
 * @param deviceType the id of the driver that reads this kind of device
 * @param connection how the driver reaches the device (host, port, user, ...), sorted by name;
 *                   credentials are ordinary entries here, protecting them is the storage's concern
 */
public record Component(String id, String name, String folderId, String deviceType, Map<String, String> connection) {

    public Component {
        Check.text(id, "Component.id");
        Check.text(name, "Component.name");
        Check.text(folderId, "Component.folderId");
        Check.text(deviceType, "Component.deviceType");
        connection = Check.parameters(connection, "Component.connection");
    }
}
