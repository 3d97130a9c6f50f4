package org.airgap.model;

/**
 * What a device said about itself during a backup. Drivers fill in what the device reports; any part may
 * be {@code null} when it is not known.
 */
public record DeviceIdentity(String vendor, String model, String firmware, String serial) {

    /** Nothing known. */
    public static final DeviceIdentity UNKNOWN = new DeviceIdentity(null, null, null, null);
}
