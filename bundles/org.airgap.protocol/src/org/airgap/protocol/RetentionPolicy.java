package org.airgap.protocol;

import java.time.Duration;

/**
 * How long the server keeps a folder's or component's history (docs/administration.md, "Retention and
 * garbage collection"). A version is kept while it is among the last {@code keepVersions} or younger than
 * {@code keepVersionsFor}; a run's snapshot is kept for {@code keepRunSnapshotsFor} after its commit. A
 * field left out keeps everything of its kind; all three left out keeps everything (it overrides a
 * policy further up the folder tree). The latest version and the latest backup of a component are kept
 * whatever the policy says: the laptops sync them as their baselines.
 *
 * @param keepVersions        how many of the newest versions are kept at least (1 or more), or {@code null}
 * @param keepVersionsFor     versions younger than this are kept, or {@code null}
 * @param keepRunSnapshotsFor run snapshots committed within this time are kept, or {@code null} for all
 */
public record RetentionPolicy(Integer keepVersions, Duration keepVersionsFor, Duration keepRunSnapshotsFor) {

    /** Keeps everything: what applies where no policy is set. */
    public static final RetentionPolicy KEEP_EVERYTHING = new RetentionPolicy(null, null, null);
}
