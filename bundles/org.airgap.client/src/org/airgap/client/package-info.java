/** The Airgap workbench's public element ids, for model fragments and tests. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.client;
