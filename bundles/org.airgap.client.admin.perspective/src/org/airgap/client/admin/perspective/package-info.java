/**
 * The element ids of the Administration perspective that the administration views contribute to from their
 * {@code fragment.e4xmi} and that tests look up.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.client.admin.perspective;
