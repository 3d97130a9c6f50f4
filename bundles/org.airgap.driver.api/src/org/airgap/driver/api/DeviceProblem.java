package org.airgap.driver.api;

import java.util.Objects;

/**
 * A problem with the device, in words a technician can act on ("192.168.0.7:502 did not answer within
 * 3 s: check the cable and the device's IP address").
 */
public record DeviceProblem(ProblemKind kind, String message) {

    public DeviceProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
