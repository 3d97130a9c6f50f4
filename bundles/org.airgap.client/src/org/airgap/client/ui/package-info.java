/** Looks shared by the workbench's views: icons, and the colour and icon of each compare result. */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.client.ui;
