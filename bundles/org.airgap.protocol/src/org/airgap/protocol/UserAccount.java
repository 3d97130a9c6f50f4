package org.airgap.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A user as the administrator sees it (GET /api/admin/users): {@link UserInfo}'s name and role, whether
 * the account is disabled, the folders a folder-scoped administrator manages (empty: the whole plant;
 * always empty for a technician) and the last successful login ({@code null}: never).
 */
public record UserAccount(String name, Role role, boolean disabled, List<String> folders, Instant created,
        Instant lastLogin) {

    public UserAccount {
        folders = folders == null ? List.of() : List.copyOf(folders);
    }

    public UserInfo info() {
        return new UserInfo(name, role);
    }
}
