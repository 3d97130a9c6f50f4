package org.airgap.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.compare.CompareEngine;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Folder;
import org.airgap.model.IdentityCheck;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.IdentifyingModbusDevice;
import org.airgap.testing.drivers.RecordingProgress;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity guard with the real Modbus driver against a device whose identification changes between runs. */
class IdentityGuardTest {

    private static final String USER = "tech1";

    @TempDir
    Path temp;
    private IdentifyingModbusDevice device;
    private Workspace workspace;
    private LocalJobRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        device = new IdentifyingModbusDevice();
        workspace = Workspace.open(temp.resolve("workspace"));
        runner = new LocalJobRunner(workspace, DriverTestKit.service(CompareEngine.class, null));
        runner.addDriver(DriverTestKit.driver("modbus-tcp"), Map.of(DeviceDriver.ID, "modbus-tcp"));
        sync(List.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            workspace.close();
        } finally {
            device.close();
        }
    }

    private void sync(List<Baseline> baselines) throws IOException {
        JobOptions automatic = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("press", "Press PLC", "hall", "modbus-tcp", Map.of("host", "127.0.0.1",
                        "port", Integer.toString(device.port()), "holdingRegisters", "0-9", "timeout", "PT2S"))),
                List.of(new Job("job-press", "press", "Press registers", Map.of(), automatic)), baselines), USER);
    }

    private Run run() throws IOException {
        Run run = runner.run("job-press", USER, new RecordingProgress());
        assertEquals(RunOutcome.SUCCEEDED, run.outcome(), run.messages().toString());
        return run;
    }

    @Test
    void anotherDeviceThanThePreviousBackupsIsFlaggedAndTheLogSaysNoAutomaticVersion() throws IOException {
        Run first = run();
        assertNull(first.identityCheck(), "nothing to compare with yet");
        assertEquals(new DeviceIdentity("Airgap Test Devices", "MB-TCP-1", "V2.07", null), first.device());
        assertNull(run().identityCheck(), "the same device again");

        device.identify("Airgap Test Devices", "MB-TCP-9", "V2.07");
        Run swapped = run();

        IdentityCheck check = swapped.identityCheck();
        assertEquals(IdentityCheck.Kind.DIFFERENT_DEVICE, check.kind());
        assertEquals(first.device(), check.expected());
        assertEquals("the previous backup", check.basis());
        assertTrue(swapped.differentDevice());
        assertTrue(swapped.messages().stream().anyMatch(m -> m.level() == RunMessage.Level.WARNING
                && m.text().equals("Device model MB-TCP-9 differs from the previous backup's MB-TCP-1: a different"
                        + " device? The backup will not become a version automatically.")), swapped.messages().toString());
        assertEquals(swapped, workspace.run(swapped.id()).orElseThrow(), "the finding is kept with the run");
        assertEquals("run " + swapped.id() + " SUCCEEDED snapshot " + swapped.snapshotId() + " DIFFERENT_DEVICE",
                workspace.audit().entries().get(workspace.audit().entries().size() - 1).details(),
                "and in the audit trail");
    }

    @Test
    void theLatestVersionsIdentityIsTheReferenceAndAFirmwareChangeIsReportedAsSuch() throws IOException {
        Run first = run();
        // The server made version 3 from a run that read firmware V2.06 on this device.
        DeviceIdentity atVersion3 = new DeviceIdentity("Airgap Test Devices", "MB-TCP-1", "V2.06", null);
        sync(List.of(new Baseline("press", new Version("press", 3, Instant.now(), "admin", "", first.snapshotId(),
                atVersion3), null)));

        Run updated = run();

        IdentityCheck check = updated.identityCheck();
        assertEquals(IdentityCheck.Kind.FIRMWARE_CHANGED, check.kind(), "the version wins over the previous backup");
        assertEquals("version 3", check.basis());
        assertFalse(updated.differentDevice());
        assertTrue(updated.messages().stream().anyMatch(m -> m.level() == RunMessage.Level.INFO
                && m.text().equals("Device firmware changed from version 3's V2.06 to V2.07.")),
                updated.messages().toString());
    }
}
