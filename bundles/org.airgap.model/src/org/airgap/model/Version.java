package org.airgap.model;

import java.time.Instant;

/**
 * A version of a component on the server: a backup that was accepted as the reference state.
 *
 * @param componentId the component
 * @param number      1 for the first version of the component, counting up
 * @param time        when the version was created
 * @param user        who created it
 * @param comment     why; may be empty ({@code null} is taken as empty)
 * @param snapshotId  the snapshot of the version
 * @param device      the identity of the device its backup was read from (the run that made it);
 *                    {@link DeviceIdentity#UNKNOWN} when not known ({@code null} is taken as that)
 */
public record Version(String componentId, int number, Instant time, String user, String comment, String snapshotId,
        DeviceIdentity device) {

    public Version {
        Check.text(componentId, "Version.componentId");
        if (number < 1) {
            throw Check.invalid("Version.number", "must be at least 1, was " + number);
        }
        Check.present(time, "Version.time");
        Check.text(user, "Version.user");
        comment = comment == null ? "" : comment;
        Check.present(snapshotId, "Version.snapshotId");
        Check.optionalSnapshotId(snapshotId, "Version.snapshotId");
        device = device == null ? DeviceIdentity.UNKNOWN : device;
    }

    /** A version whose device is not known. */
    public Version(String componentId, int number, Instant time, String user, String comment, String snapshotId) {
        this(componentId, number, time, user, comment, snapshotId, DeviceIdentity.UNKNOWN);
    }

    /** The same version, with the identity of the device its backup was read from. */
    public Version withDevice(DeviceIdentity device) {
        return new Version(componentId, number, time, user, comment, snapshotId, device);
    }
}
