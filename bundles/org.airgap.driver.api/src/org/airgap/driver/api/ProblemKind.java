package org.airgap.driver.api;

/** What kind of device problem a driver met; runs retry some kinds and not others. */
public enum ProblemKind {
    /** No connection: wrong address, device off, cable unplugged, firewall. */
    UNREACHABLE,
    /** The device refused the credentials. */
    AUTHENTICATION_FAILED,
    /** The device stopped answering within the configured time. */
    TIMEOUT,
    /** The device answered something the protocol does not allow, or an error code. */
    PROTOCOL_ERROR,
    /** A configured path, register range or object does not exist on the device. */
    NOT_FOUND,
    /** Some of the data was read, some not; the snapshot is incomplete. */
    PARTIAL,
    /** The technician cancelled. */
    CANCELLED,
    /** The device's host key or certificate changed (possible man-in-the-middle). */
    IDENTITY_CHANGED;

    /** Whether another attempt may succeed (the run's "max attempts" applies to these). */
    public boolean retryable() {
        return this == UNREACHABLE || this == TIMEOUT || this == PROTOCOL_ERROR || this == PARTIAL;
    }
}
