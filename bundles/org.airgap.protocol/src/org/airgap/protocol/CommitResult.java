package org.airgap.protocol;

import org.airgap.model.CompareResult;
import org.airgap.model.Version;

/** The server's compare of the committed run with the component's latest version and previous backup; version is the version created (versionCreated) or the latest one, null when there is none. */
public record CommitResult(String runId, CompareResult serverVersionResult, CompareResult previousBackupResult, Version version, boolean versionCreated) {
}
