package org.airgap.client.admin.users.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

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

    static String lastLogin(UserAccount user) {
        return user.lastLogin() == null ? "never" : TIME.format(user.lastLogin());
    }
}
