package org.airgap.client.jobs.internal;

/**
 * Who runs the jobs, for the runs and the audit trail. Until the session bundle (org.airgap.session) is
 * in the workbench this is the operating system account; then it becomes the logged-in technician.
 */
final class CurrentUser {

    private CurrentUser() {
    }

    // TODO(session): take the user of the current session once org.airgap.session provides it.
    static String name() {
        return System.getProperty("user.name", "unknown");
    }
}
