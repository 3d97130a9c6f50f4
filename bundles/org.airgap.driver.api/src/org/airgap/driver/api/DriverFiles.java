package org.airgap.driver.api;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Where a driver keeps files of its own, such as the device keys or certificates it pinned. */
public final class DriverFiles {

    private DriverFiles() {
    }

    /**
     * The driver's folder {@code drivers/<driverName>} in the instance area (the workspace), which survives
     * updates of the driver, unlike the bundle's data area, which a new bundle version does not inherit;
     * without an instance area on the file system the bundle's data area, else {@code ~/.airgap/<driverName>}.
     * The folder may not exist yet.
     *
     * @param driverName the driver's short name, such as {@code sftp}
     */
    public static Path folder(BundleContext context, String driverName) {
        String instanceArea = context.getProperty("osgi.instance.area");
        if (instanceArea != null && instanceArea.startsWith("file:")) {
            return Path.of(URI.create(instanceArea.replace(" ", "%20"))).resolve("drivers").resolve(driverName);
        }
        File data = context.getDataFile("");
        return data != null ? data.toPath() : Path.of(System.getProperty("user.home"), ".airgap", driverName);
    }
}
