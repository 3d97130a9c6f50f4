package org.airgap.driver.modbus.internal;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.ProblemKind;

/** A device problem that ends the read, with the words the technician will see. */
final class DeviceFailure extends Exception {

    private static final long serialVersionUID = 1L;

    final ProblemKind kind;

    DeviceFailure(ProblemKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    DeviceProblem problem() {
        return new DeviceProblem(kind, getMessage());
    }
}
