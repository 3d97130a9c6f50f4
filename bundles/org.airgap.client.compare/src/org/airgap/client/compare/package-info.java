/**
 * The compare view's public contract: the command that opens it for a run and a basis, for other views
 * (the Jobs view's result columns) to execute.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.client.compare;
