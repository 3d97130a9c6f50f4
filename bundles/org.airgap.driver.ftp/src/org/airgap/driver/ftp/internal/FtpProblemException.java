package org.airgap.driver.ftp.internal;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.ProblemKind;

/** A device problem found deep in a session or transfer, carried up to the driver's result. */
final class FtpProblemException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DeviceProblem problem;

    FtpProblemException(ProblemKind kind, String message) {
        this(kind, message, null);
    }

    FtpProblemException(ProblemKind kind, String message, Throwable cause) {
        super(message, cause);
        this.problem = new DeviceProblem(kind, message);
    }

    DeviceProblem problem() {
        return problem;
    }
}
