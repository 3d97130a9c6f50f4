/**
 * Snapshots as single files (USB sticks, uploads): export from a content store to {@code .tar.gz} or
 * {@code .zip}, and a safe import back. Layout and safety rules: docs/formats.md, section "Archives".
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.archive;
