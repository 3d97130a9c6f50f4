package org.airgap.protocol;

/** A user account. */
public record UserInfo(String name, Role role) {
}
