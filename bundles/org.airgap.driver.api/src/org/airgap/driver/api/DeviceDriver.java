package org.airgap.driver.api;

import java.util.List;
import java.util.Map;

import org.airgap.store.SnapshotWriter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device driver: reads one kind of device into a snapshot. Implementations are DS components
 * registered under this interface with the service properties {@link #ID}, {@link #NAME} and
 * {@link #VENDOR}; Airgap finds them at run time, so a driver bundle installed or started later appears
 * without a restart. Methods may be called from several threads for different devices at once.
 */
@ConsumerType
public interface DeviceDriver {

    /** Service property: the driver id that components name as their device type, e.g. "modbus-tcp". */
    String ID = "airgap.driver.id";
    /** Service property: the name shown to technicians, e.g. "Modbus TCP". */
    String NAME = "airgap.driver.name";
    /** Service property: who made the driver. */
    String VENDOR = "airgap.driver.vendor";

    /** The parameters a job gives this driver (connection and what to back up), in display order. */
    List<ParameterDescriptor> parameters();

    /**
     * Checks a parameter set without contacting the device: one problem per bad parameter, naming it.
     * {@link Parameters#validate} does the generic checks (required, type, choices).
     */
    List<ParameterProblem> validate(Map<String, String> parameters);

    /** Connects and logs in, reads the device's identity if it can, and reads nothing else. */
    DriverResult testConnection(Map<String, String> parameters, DriverProgress progress);

    /**
     * Backs the device up: writes its files into {@code snapshot} (the caller commits or discards it),
     * reports progress, stops soon after {@link DriverProgress#isCancelled()} turns true, and never
     * throws for device problems: they come back as {@link DeviceProblem}s. The parameters have passed
     * {@link #validate}.
     */
    DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress);
}
