/** Event topics and their payloads shared by the workbench's view bundles. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.client.events;
