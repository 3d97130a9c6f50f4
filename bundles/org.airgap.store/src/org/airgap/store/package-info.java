/**
 * Snapshots and the content-addressed store: a snapshot is a {@link org.airgap.store.Manifest} (one
 * {@link org.airgap.store.ManifestEntry} per path) plus blobs stored once by SHA-256. Formats:
 * docs/formats.md.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.store;
