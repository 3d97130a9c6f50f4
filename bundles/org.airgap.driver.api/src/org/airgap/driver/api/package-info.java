/**
 * The device driver API. A driver is a DS service registered as {@link org.airgap.driver.api.DeviceDriver}
 * with the service properties {@link org.airgap.driver.api.DeviceDriver#ID},
 * {@link org.airgap.driver.api.DeviceDriver#NAME} and {@link org.airgap.driver.api.DeviceDriver#VENDOR};
 * it writes a device's files into an {@link org.airgap.store.SnapshotWriter}. A vendor's guide:
 * docs/writing-a-driver.md.
 *
 * <p>0.2: parameters declared once ({@link org.airgap.driver.api.Parameter},
 * {@link org.airgap.driver.api.DriverParameters}, {@link org.airgap.driver.api.Parameters#get}),
 * {@link org.airgap.driver.api.ParallelTransfer}, {@link org.airgap.driver.api.FileListing} and
 * {@link org.airgap.driver.api.DriverResult#failure(org.airgap.driver.api.DeviceProblemException)}, gentle mode
 * ({@link org.airgap.driver.api.Pacing}, {@link org.airgap.driver.api.DriverProgress#pacing()}); nothing of 0.1
 * changed.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.driver.api;
