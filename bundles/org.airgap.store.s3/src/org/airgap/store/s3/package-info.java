/**
 * The content store over the S3 API (an S3-compatible object store: AWS S3, MinIO, Ceph RGW), for a server
 * whose blobs and manifests live there rather than in its data directory: docs/scale-out.md.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.store.s3;
