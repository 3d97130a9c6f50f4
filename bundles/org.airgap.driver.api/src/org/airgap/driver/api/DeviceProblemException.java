package org.airgap.driver.api;

/**
 * Carries a device problem found deep inside a session or transfer up to the driver's
 * {@link DriverResult}; drivers catch it where they build the result, it never leaves a driver.
 */
public class DeviceProblemException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeviceProblem problem;

    public DeviceProblemException(ProblemKind kind, String message) {
        this(kind, message, null);
    }

    public DeviceProblemException(ProblemKind kind, String message, Throwable cause) {
        super(message, cause);
        this.problem = new DeviceProblem(kind, message);
    }

    public DeviceProblem problem() {
        return problem;
    }
}
