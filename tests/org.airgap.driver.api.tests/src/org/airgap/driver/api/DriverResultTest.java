package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.airgap.model.DeviceIdentity;
import org.junit.jupiter.api.Test;

class DriverResultTest {

    @Test
    void failureOfADeviceProblemExceptionCarriesItsProblemAndNoIdentity() {
        DeviceProblemException e = new DeviceProblemException(ProblemKind.TIMEOUT, "the device stopped answering");

        DriverResult result = DriverResult.failure(e);

        assertFalse(result.ok());
        assertEquals(DeviceIdentity.UNKNOWN, result.identity());
        assertEquals(List.of(new DeviceProblem(ProblemKind.TIMEOUT, "the device stopped answering")), result.problems());
    }
}
