package org.airgap.protocol;

import org.airgap.model.CompareResult;
import org.airgap.model.Version;

/**
 * The server's compare of the committed run with the component's latest version and previous backup; version
 * is the version created (versionCreated) or the latest one, null when there is none.
 *
 * @param versionRefusal why the automatic version the job asks for was not made (a different device, or a backup
 *                       older than the one the latest version came from: the server version is newer); null
 *                       otherwise, and absent in the JSON of servers before it
 */
public record CommitResult(String runId, CompareResult serverVersionResult, CompareResult previousBackupResult,
        Version version, boolean versionCreated, String versionRefusal) {

    /** A result without a refused automatic version. */
    public CommitResult(String runId, CompareResult serverVersionResult, CompareResult previousBackupResult,
            Version version, boolean versionCreated) {
        this(runId, serverVersionResult, previousBackupResult, version, versionCreated, null);
    }
}
