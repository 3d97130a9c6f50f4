/**
 * The audit trail: an append-only, hash-chained log of what users did (login, sync, jobs, uploads,
 * versions), one JSON line per entry (docs/formats.md, "Audit trail").
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.audit;
