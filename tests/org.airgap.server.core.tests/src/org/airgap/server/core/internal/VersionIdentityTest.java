package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.T0;
import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device identity kept with each version, and a refused automatic version kept with its run and audited. */
class VersionIdentityTest {

    private static final DeviceIdentity PLC = new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-999");

    @TempDir
    Path dir;
    private H2ServerRepository repository;

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(settings(dir.resolve("data")),
                new ServerFixtures.MovableClock(Instant.parse("2026-03-02T10:00:00Z")));
        repository.addUser("tech1", Role.TECHNICIAN, "pw1".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "pw2".toCharArray());
        repository.importDefinitions(plant());
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    private static Run run(String id, String snapshotId, DeviceIdentity device) {
        return new Run(id, "job-plc", T0, T0.plusSeconds(30), 1, RunOutcome.SUCCEEDED, device, snapshotId,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of());
    }

    @Test
    void aVersionKeepsTheDeviceOfTheRunItCameFrom() throws Exception {
        String v1 = snapshot(repository.store(), "program v1");
        CommitResult first = repository.commit(run("run-1", v1, PLC), "tech1",
                new CommitResult("run-1", CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, null, false), true,
                "automatic");
        assertEquals(PLC, first.version().device());
        assertEquals(PLC, repository.latestVersion("plc-1").orElseThrow().device(), "read back from the stored run");
        assertEquals(List.of(first.version()), repository.versions("plc-1"));
        assertEquals(Optional.of(first), repository.committed("run-1"));

        String v2 = snapshot(repository.store(), "program v2");
        repository.commit(run("run-2", v2, null), "tech1",
                new CommitResult("run-2", CompareResult.DIFFERENT, CompareResult.DIFFERENT, null, false), true, "");
        assertEquals(DeviceIdentity.UNKNOWN, repository.version("plc-1", 2).orElseThrow().device());
    }

    @Test
    void aRefusedAutomaticVersionIsKeptWithTheRunAndInTheServersAuditTrail() throws Exception {
        String snapshot = snapshot(repository.store(), "program from another PLC");
        String refusal = "no automatic version: Device serial S7-123 differs from version 1's S7-999: a different device?";
        CommitResult refused = repository.commit(run("run-7", snapshot, PLC), "tech1",
                new CommitResult("run-7", CompareResult.DIFFERENT, CompareResult.DIFFERENT, null, false, refusal),
                false, null);

        assertFalse(refused.versionCreated());
        assertEquals(refusal, refused.versionRefusal());
        assertEquals(Optional.of(refused), repository.committed("run-7"), "a retried commit answers the same");
        assertEquals(List.of("AUTO_VERSION tech1 REFUSED run run-7 of job job-plc: " + refusal),
                repository.read(connection -> Jdbc.list(connection, "SELECT kind, user_name, outcome, details"
                        + " FROM server_audit WHERE kind = 'AUTO_VERSION'", row -> row.getString(1) + " " + row.getString(2)
                                + " " + row.getString(3) + " " + row.getString(4))));
    }
}
