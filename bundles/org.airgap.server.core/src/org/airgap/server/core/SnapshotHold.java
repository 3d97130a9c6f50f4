package org.airgap.server.core;

/**
 * A stored snapshot held whole for a reader outside the database's view (an archive being streamed, a run
 * being checked in): garbage collection keeps its manifest and blobs until {@link #close()}, even when
 * retention dropped the version or run that named it meanwhile (docs/administration.md, "Retention and
 * garbage collection"). Got from {@link ServerRepository#holdSnapshot}; close it in a finally.
 *
 * @since 0.2
 */
public interface SnapshotHold extends AutoCloseable {

    String snapshotId();

    /** Lets gc remove the snapshot again once nothing else names it; closing twice does nothing. */
    @Override
    void close();
}
