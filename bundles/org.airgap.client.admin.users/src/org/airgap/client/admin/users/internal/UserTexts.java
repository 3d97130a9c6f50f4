package org.airgap.client.admin.users.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;

/** How the Users view words a user's values (times in the workbench's time zone). */
final class UserTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private UserTexts() {
    }

    static String role(Role role) {
        return role == Role.ADMIN ? "Administrator" : "Technician";
    }

    /** What an administrator manages; a technician carries only their assigned jobs. */
    static String scope(UserAccount user) {
        if (user.role() != Role.ADMIN) {
            return "assigned jobs";
        }
        return user.folders().isEmpty() ? "whole plant" : String.join(", ", user.folders());
    }

    static String state(UserAccount user) {
        return user.disabled() ? "disabled" : "enabled";
    }

    /**
     * What a technician carries: "carries 3 jobs; 2 runs waiting for upload since 2026-12-07 09:40:00" — the runs a
     * laptop announced to the server (planned an upload of) and has not committed yet; {@code pending} is null when
     * none.
     */
    static String carries(int jobs, AdminOverview.PendingUploads pending) {
        String carried = "carries " + jobs + (jobs == 1 ? " job" : " jobs");
        if (pending == null || pending.runs() == 0) {
            return carried + "; no runs waiting for upload";
        }
        return carried + "; " + pending.runs() + (pending.runs() == 1 ? " run" : " runs")
                + " waiting for upload since " + TIME.format(pending.oldest());
    }

    static String lastLogin(UserAccount user) {
        return user.lastLogin() == null ? "never" : TIME.format(user.lastLogin());
    }
}
