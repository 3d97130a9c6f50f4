package org.airgap.protocol;

/** POST /api/login body. The password travels only here (use HTTPS through a reverse proxy outside the plant). */
public record LoginRequest(String user, String password) {

    /** Never shows the password (records print every field). */
    @Override
    public String toString() {
        return "LoginRequest[user=" + user + ", password=***]";
    }
}
