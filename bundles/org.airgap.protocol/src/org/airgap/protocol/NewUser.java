package org.airgap.protocol;

/** POST /api/admin/users. */
public record NewUser(String name, Role role, String password) {

    /** Never shows the password (records print every field). */
    @Override
    public String toString() {
        return "NewUser[user=" + name + ", password=***]";
    }
}
