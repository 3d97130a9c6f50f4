package org.airgap.audit;

/** What an audit entry records. */
public enum AuditAction {
    LOGIN, LOGOUT, SYNC, JOB_STARTED, JOB_FINISHED, UPLOAD, VERSION_CREATED
}
