package org.airgap.driver.api;

import java.util.List;

import org.airgap.model.DeviceIdentity;

/**
 * What a connection test or a backup achieved.
 *
 * @param identity what the device told about itself; {@link DeviceIdentity#UNKNOWN} when nothing
 * @param problems what went wrong; empty for a complete success
 */
public record DriverResult(DeviceIdentity identity, List<DeviceProblem> problems) {

    public DriverResult {
        identity = identity == null ? DeviceIdentity.UNKNOWN : identity;
        problems = List.copyOf(problems);
    }

    public static DriverResult success(DeviceIdentity identity) {
        return new DriverResult(identity, List.of());
    }

    public static DriverResult failure(DeviceIdentity identity, ProblemKind kind, String message) {
        return new DriverResult(identity, List.of(new DeviceProblem(kind, message)));
    }

    /** The result of a test or backup that {@code e} ended: its problem, with nothing known about the device. */
    public static DriverResult failure(DeviceProblemException e) {
        return new DriverResult(DeviceIdentity.UNKNOWN, List.of(e.problem()));
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
