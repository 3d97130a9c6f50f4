package org.airgap.protocol;

/** Why a bearer token is refused (401), with the message the client shows. */
public enum SessionEndReason {
    NO_TOKEN("not logged in — log in first"),
    UNKNOWN_TOKEN("the session is not known to the server — log in again"),
    IDLE("the session ended after the idle limit without activity — log in again"),
    EXPIRED("the session reached its maximum length — log in again"),
    RESTARTED("the server was restarted — log in again"),
    LOGGED_OUT("the session was logged out — log in again"),
    /** An administrator disabled the account: every session of it ends at once. */
    DISABLED("the account was disabled by an administrator — ask an administrator"),
    /** An administrator changed the account's role or password: its sessions end, the user logs in again. */
    ACCOUNT_CHANGED("an administrator changed the account (role or password) — log in again"),
    /** An administrator ended every session at once (a token may have leaked): everyone logs in again. */
    ENDED_BY_ADMINISTRATOR("an administrator ended every session — log in again");

    private final String message;

    SessionEndReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
