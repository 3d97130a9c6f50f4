package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.airgap.model.IdentityCheck.Kind;
import org.junit.jupiter.api.Test;

class IdentityCheckTest {

    private static final DeviceIdentity PLC = new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-999");

    @Test
    void theSameDeviceLeavesNothingToSay() {
        assertNull(IdentityCheck.of(PLC, new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-999"), "version 4"));
        assertNull(IdentityCheck.of(PLC, new DeviceIdentity(" Siemens ", "CPU 1516", "V2.8", "S7-999"), "version 4"),
                "surrounding blanks are no difference");
    }

    @Test
    void anUnknownSideLeavesNothingToSay() {
        assertNull(IdentityCheck.of(DeviceIdentity.UNKNOWN, PLC, "version 4"));
        assertNull(IdentityCheck.of(PLC, DeviceIdentity.UNKNOWN, "version 4"));
        assertNull(IdentityCheck.of(null, PLC, "version 4"));
        assertNull(IdentityCheck.of(PLC, null, "version 4"));
    }

    @Test
    void onlyThePartsBothKnowAreCompared() {
        // The reference knows no serial, the run knows no firmware and a blank model: only the vendor is compared.
        DeviceIdentity reference = new DeviceIdentity("Siemens", "CPU 1516", "V2.8", null);
        assertNull(IdentityCheck.of(reference, new DeviceIdentity("Siemens", " ", null, "S7-123"), "version 4"));
        assertEquals(Kind.DIFFERENT_DEVICE,
                IdentityCheck.of(reference, new DeviceIdentity("Beckhoff", null, null, "S7-123"), "version 4").kind());
    }

    @Test
    void aDifferentSerialModelOrVendorIsADifferentDevice() {
        IdentityCheck serial = IdentityCheck.of(PLC, new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-123"),
                "version 4");
        assertEquals(Kind.DIFFERENT_DEVICE, serial.kind());
        assertFalse(serial.allowsAutomaticVersion());
        assertEquals("Device serial S7-123 differs from version 4's S7-999: a different device?", serial.describe());
        assertEquals(PLC, serial.expected());

        IdentityCheck two = IdentityCheck.of(PLC, new DeviceIdentity("Siemens", "CPU 1214", "V4.1", "S7-123"),
                "the previous backup");
        assertEquals(Kind.DIFFERENT_DEVICE, two.kind(), "a different device wins over a firmware change");
        assertEquals("Device model CPU 1214 differs from the previous backup's CPU 1516, serial S7-123 from S7-999:"
                + " a different device?", two.describe());

        assertEquals(Kind.DIFFERENT_DEVICE,
                IdentityCheck.of(PLC, new DeviceIdentity("Beckhoff", "CPU 1516", "V2.8", "S7-999"), "v").kind());
    }

    @Test
    void onlyTheFirmwareDifferingIsAFirmwareChange() {
        IdentityCheck firmware = IdentityCheck.of(PLC, new DeviceIdentity("Siemens", "CPU 1516", "V2.9", "S7-999"),
                "version 4");
        assertEquals(Kind.FIRMWARE_CHANGED, firmware.kind());
        assertTrue(firmware.allowsAutomaticVersion());
        assertEquals("Device firmware changed from version 4's V2.8 to V2.9.", firmware.describe());
        assertEquals("firmware changed", firmware.kind().label());
    }

    @Test
    void aFindingNotMadeByTheRuleStillReadsAsASentence() {
        assertEquals("The device is not version 4's: a different device?",
                new IdentityCheck(Kind.DIFFERENT_DEVICE, PLC, PLC, "version 4").describe());
    }

    @Test
    void aFindingNeedsAllItsParts() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityCheck(Kind.FIRMWARE_CHANGED, PLC, PLC, " "));
        assertThrows(IllegalArgumentException.class, () -> new IdentityCheck(null, PLC, PLC, "version 4"));
    }
}
