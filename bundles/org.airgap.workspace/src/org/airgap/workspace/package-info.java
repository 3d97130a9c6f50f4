/**
 * The technician's local job repository: what sync brought, the runs and their snapshots, pending
 * uploads and the audit trail, under one workspace folder (docs/formats.md, "Workspace").
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.workspace;
