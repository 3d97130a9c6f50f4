package org.airgap.protocol;

import java.util.List;

/**
 * POST /api/admin/users. {@code folders} make an administrator folder-scoped (empty or absent: the whole
 * plant).
 */
public record NewUser(String name, Role role, String password, List<String> folders) {

    public NewUser {
        folders = folders == null ? List.of() : List.copyOf(folders);
    }

    /** A user without folder scope. */
    public NewUser(String name, Role role, String password) {
        this(name, role, password, List.of());
    }

    /** Never shows the password (records print every field). */
    @Override
    public String toString() {
        return "NewUser[user=" + name + ", password=***]";
    }
}
