package org.airgap.workspace;

/**
 * A job the server lists for the technician (whether synced to this workspace or not), as far as the
 * overview needs it.
 *
 * @param id            the job
 * @param name          its name
 * @param componentId   its component
 * @param componentName the component's name on the server
 * @param deviceType    the component's driver id; {@code null} when the server did not say
 */
public record ServerJob(String id, String name, String componentId, String componentName, String deviceType) {
}
