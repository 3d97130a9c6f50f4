package org.airgap.protocol;

/** What a user may do: technicians see and upload their assigned jobs; administrators also administer. */
public enum Role {
    TECHNICIAN, ADMIN;

    /** Parses "technician" or "admin" (any case); the message names the accepted values. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': use technician or admin");
    }
}
