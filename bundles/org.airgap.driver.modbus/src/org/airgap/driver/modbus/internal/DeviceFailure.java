package org.airgap.driver.modbus.internal;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.ProblemKind;

/** A device problem that ends the read, with the words the technician will see. */
final class DeviceFailure extends Exception {

    private static final long serialVersionUID = 1L;

    final ProblemKind kind;
    /** The cause in a few words ("connection refused"), for messages that embed this failure. */
    final String reason;

    DeviceFailure(ProblemKind kind, String message) {
        this(kind, message, message);
    }

    DeviceFailure(ProblemKind kind, String reason, String message) {
        super(message);
        this.kind = kind;
        this.reason = reason;
    }

    DeviceProblem problem() {
        return new DeviceProblem(kind, getMessage());
    }
}
