/**
 * Comparing snapshots: a backup with its basis (the server version or the previous backup), file by file,
 * with the job's ignore rules, and line diffs of text files and row diffs of table files
 * (docs/formats.md, "Table files").
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.compare;
