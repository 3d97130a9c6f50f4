package org.airgap.audit;

/** What an audit entry records. */
public enum AuditAction {
    LOGIN, LOGOUT, SYNC, JOB_STARTED, JOB_FINISHED, UPLOAD, VERSION_CREATED,
    /** The laptop removed snapshots of uploaded runs that are no longer a baseline (since 0.2). */
    PRUNE
}
