/**
 * Sync between the laptop's workspace and the Airgap server (docs/server.md, "Sync protocol"): pull the
 * assigned jobs and the baselines to compare with on site, push finished runs (only the blobs the server
 * lacks, in resumable chunks) and the audit trail.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.sync;
