package org.airgap.session;

/** Where the laptop's session stands. */
public enum SessionState {
    /** Nobody has logged in on this workspace yet. */
    NONE,
    /** A session is open and within its limits. */
    ACTIVE,
    /** The last session ended; {@link SessionStatus#endReason()} says why. Log in again. */
    ENDED
}
