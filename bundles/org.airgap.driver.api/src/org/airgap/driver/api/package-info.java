/**
 * The device driver API. A driver is a DS service registered as {@link org.airgap.driver.api.DeviceDriver}
 * with the service properties {@link org.airgap.driver.api.DeviceDriver#ID},
 * {@link org.airgap.driver.api.DeviceDriver#NAME} and {@link org.airgap.driver.api.DeviceDriver#VENDOR};
 * it writes a device's files into an {@link org.airgap.store.SnapshotWriter}. A vendor's guide:
 * docs/writing-a-driver.md.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.driver.api;
