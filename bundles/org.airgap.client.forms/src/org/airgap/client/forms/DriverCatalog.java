package org.airgap.client.forms;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device drivers installed in this workbench, as DS finds them: a driver bundle installed or started
 * later appears, one stopped disappears. A DS service; forms and editor dialogs read it.
 */
@ProviderType
public interface DriverCatalog {

    /** The installed drivers, by name. */
    List<DriverInfo> drivers();

    /** The installed driver of a device type (a driver id such as "modbus-tcp"), if there is one. */
    Optional<DriverInfo> driver(String id);

    /** Called, on any thread, after a driver came or went. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
