package org.airgap.runner.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.airgap.model.DeviceIdentity;
import org.junit.jupiter.api.Test;

class ConnectionResultTest {

    private static ConnectionResult reachable(DeviceIdentity identity) {
        return new ConnectionResult("job", "Job", true, identity, Duration.ofMillis(5), null, null);
    }

    @Test
    void theIdentityInOneLineWithWhatTheDeviceTold() {
        assertEquals("Siemens CPU 315-2 PN/DP, firmware V3.2.6, serial S C-X4U", reachable(new DeviceIdentity(
                "Siemens", "CPU 315-2 PN/DP", "V3.2.6", "S C-X4U")).identityText());
        assertEquals("ACME, serial 42", reachable(new DeviceIdentity("ACME", null, null, "42")).identityText());
        assertEquals("firmware 1.0", reachable(new DeviceIdentity(null, null, "1.0", null)).identityText());
        assertEquals("-", reachable(DeviceIdentity.UNKNOWN).identityText());
        assertEquals("-", reachable(null).identityText(), "no identity is an unknown one");
    }

    @Test
    void aReachableDeviceHasNoProblemAndAnUnreachableOneHasOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionResult("job", "Job", true, null, null, "TIMEOUT", "late"));
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectionResult("job", "Job", false, null, null, null, null));
        assertEquals(Duration.ZERO, new ConnectionResult("job", "Job", false, null, null,
                ConnectionResult.CANNOT_RUN, "no driver").took());
    }
}
