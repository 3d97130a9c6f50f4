package org.airgap.driver.sftp.internal;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.ProblemKind;

/** Ends a connection test or backup early with one device problem; never leaves the driver. */
final class DriverFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeviceProblem problem;

    DriverFailure(ProblemKind kind, String message) {
        this(kind, message, null);
    }

    DriverFailure(ProblemKind kind, String message, Throwable cause) {
        super(message, cause);
        this.problem = new DeviceProblem(kind, message);
    }

    DeviceProblem problem() {
        return problem;
    }
}
