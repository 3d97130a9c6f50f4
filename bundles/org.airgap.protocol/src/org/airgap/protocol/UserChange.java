package org.airgap.protocol;

import java.util.List;

/**
 * The body of {@code POST /api/admin/users/<name>/<change>}: the field the change needs — {@code password}
 * for {@code password}, {@code role} for {@code role}, {@code folders} for {@code scope} (empty: the whole
 * plant); {@code disable} and {@code enable} need none.
 */
public record UserChange(Role role, String password, List<String> folders) {

    /** Never shows the password (records print every field). */
    @Override
    public String toString() {
        return "UserChange[role=" + role + ", password=" + (password == null ? "null" : "***") + ", folders="
                + folders + "]";
    }
}
