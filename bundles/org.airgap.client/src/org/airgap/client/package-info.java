/** The Airgap workbench's public element ids, for model fragments and tests. */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.client;
