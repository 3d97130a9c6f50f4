package org.airgap.model;

/**
 * What a component's backups are compared with on site, received at sync so that the compare needs no
 * connection: the component's latest version on the server and its latest backup the server knows.
 * The snapshots they name are in the local store.
 *
 * @param componentId            the component
 * @param serverVersion          its latest version on the server, or {@code null} when it has none
 * @param previousBackupSnapshot the snapshot of its latest backup the server holds, or {@code null}
 */
public record Baseline(String componentId, Version serverVersion, String previousBackupSnapshot) {

    public Baseline {
        Check.text(componentId, "Baseline.componentId");
        Check.optionalSnapshotId(previousBackupSnapshot, "Baseline.previousBackupSnapshot");
        if (serverVersion != null && !serverVersion.componentId().equals(componentId)) {
            throw Check.invalid("Baseline.serverVersion", "belongs to component " + serverVersion.componentId()
                    + ", not " + componentId);
        }
    }
}
